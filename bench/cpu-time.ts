import fs from 'node:fs';
import type { Database } from '@mpm/api';

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_S = 100;

/** CPU milliseconds (user + system) a process has used, from /proc; undefined once it has gone. */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/**
 * Counts the CPU time PostgreSQL's backends spend for one database while `work` runs (they are
 * processes of their own: the app's own CPU time does not show it). Needs the server on this
 * machine; backends that start meanwhile count whole, those that end meanwhile are lost.
 */
export async function databaseCpuMs<T>(knex: Database['knex'], work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const backends = async () =>
    ((await knex.raw('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows as { pid: number }[]).map((row) => row.pid);
  const before = new Map((await backends()).map((pid) => [pid, processCpuMs(pid) ?? 0]));
  const result = await work();
  let cpuMs = 0;
  for (const pid of new Set([...before.keys(), ...(await backends())])) cpuMs += (processCpuMs(pid) ?? before.get(pid) ?? 0) - (before.get(pid) ?? 0);
  return { result, cpuMs };
}
