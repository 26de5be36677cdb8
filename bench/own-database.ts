import { execFileSync } from 'node:child_process';

/**
 * Runs `work` on a database of its own on the DATABASE_URL server (`prefix` and this process's id),
 * created empty before and dropped after, whatever `work` does.
 */
export async function inOwnDatabase<T>(prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${process.pid}`;
  const psql = (sql: string) => execFileSync('psql', [process.env.DATABASE_URL!, '-q', '-c', sql]);
  psql(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
