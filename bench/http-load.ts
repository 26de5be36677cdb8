import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** What one load run measured: answers per second and their latencies in milliseconds, by HTTP status. */
export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

/**
 * A load run: `connections` clients, each asking for the next of `paths` (in turn) as soon as it
 * has its answer; with `bodies`, each request POSTs the next of them (JSON) to its path.
 */
export interface LoadRun {
  origin: string;
  paths: readonly string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  bodies?: readonly string[];
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number) => Number(n.toFixed(1));

/**
 * Calls `ask` (with a running count) from `connections` callers at once, each again as soon as its
 * last call has answered, for `seconds`: answers per second, latencies, and the answers `ask`
 * returns (HTTP statuses) counted.
 */
export async function saturate(connections: number, seconds: number, ask: (i: number) => Promise<number | void>): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const sent = performance.now();
        const status = await ask(next++);
        latencies.push(performance.now() - sent);
        if (status !== undefined) statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    seconds: round(elapsed),
    perSecond: Math.round(sorted.length / elapsed),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    statuses,
  };
}

/** `count` calls one after another: p50 and p99 in milliseconds. */
export async function oneAtATime(count: number, ask: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await ask(i);
    samples.push(performance.now() - start);
  }
  const sorted = samples.sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
}

/** Runs the load in this process (the child's side of {@link load}). */
async function run({ origin, paths, headers, connections, seconds, bodies }: LoadRun): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const ask = (path: string, body?: string) =>
    new Promise<number>((resolve, reject) => {
      const options = body === undefined ? { agent, headers } : { agent, method: 'POST', headers: { ...headers, 'content-type': 'application/json' } };
      const request = http.request(`${origin}${path}`, options, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end(body);
    });
  const result = await saturate(connections, seconds, (i) => ask(paths[i % paths.length], bodies?.[i % bodies.length]));
  agent.destroy();
  return result;
}

/**
 * Loads a server from another process on this machine (as a load generator such as autocannon
 * would: its own event loop, HTTP/1.1 keep-alive connections on loopback), for a bounded time.
 */
export function load(options: LoadRun): Promise<LoadResult> {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      resolve(message as LoadResult);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    child.send(options);
  });
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', async (options) => {
    process.send!(await run(options as LoadRun));
  });
}
