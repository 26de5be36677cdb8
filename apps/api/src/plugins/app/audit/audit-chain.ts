import crypto from 'node:crypto';

/**
 * The audit log as a hash chain (全过程留痕, made tamper-evident): each entry carries the hash of
 * the one before and its own, SHA-256 over the previous hash and the entry's fields in a canonical
 * JSON. Changing, removing or reordering any entry breaks every hash after it; `verifyChain`
 * finds the first break. (Cutting entries off the end is seen only against a head hash kept
 * elsewhere: the verification prints it.)
 */

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry's fields as the chain hashes them: `at` in UTC to the microsecond, as the database keeps it. */
export interface ChainedEntry {
  id: string;
  at: string;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

/** JSON with every object's keys sorted, at every depth: the same text for the same value, however it was stored. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of `entry` chained after `prevHash` (hex SHA-256). */
export function entryHash(prevHash: string, entry: ChainedEntry): string {
  const fields = [entry.id, entry.at, entry.userId, entry.action, entry.entity, entry.entityId, entry.detail ?? null];
  return crypto.createHash('sha256').update(`${prevHash}\n${canonicalJson(fields)}`, 'utf8').digest('hex');
}

/** A stored entry with the hashes it was written with. */
export type StoredChainEntry = ChainedEntry & { prevHash: string; hash: string };

/** What a walk along the chain found: how far it holds, and the first entry where it does not. */
export interface ChainCheck {
  /** Entries walked. */
  entries: number;
  /** The last entry's hash: kept elsewhere, it shows later that nothing was cut off the end. */
  headHash: string;
  broken: { id: string; reason: 'brokenLink' | 'alteredEntry' } | null;
}

/**
 * Walks entries in id order (pages from `pages`), recomputing each hash: an entry whose
 * `prevHash` is not the hash before it was removed, inserted or reordered (`brokenLink`); one
 * whose own hash differs was altered (`alteredEntry`). Stops at the first break.
 */
export async function verifyChain(pages: AsyncIterable<StoredChainEntry[]>): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let entries = 0;
  for await (const page of pages) {
    for (const entry of page) {
      if (entry.prevHash !== prev) return { entries, headHash: prev, broken: { id: entry.id, reason: 'brokenLink' } };
      if (entryHash(prev, entry) !== entry.hash) return { entries, headHash: prev, broken: { id: entry.id, reason: 'alteredEntry' } };
      prev = entry.hash;
      entries += 1;
    }
  }
  return { entries, headHash: prev, broken: null };
}
