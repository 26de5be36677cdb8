import { createHash } from 'node:crypto';

/**
 * The name a statement is prepared under (on each PostgreSQL connection, and in PGlite's thread):
 * `prefix` and a digest of what makes the statement, its text and any constants bound into it, so
 * that one name always means one statement. Within PostgreSQL's 63 bytes.
 */
export function statementName(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part);
  return `${prefix}_${digest.digest('hex').slice(0, 32)}`;
}
