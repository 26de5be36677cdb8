import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The compiled server, as `pnpm start` runs it (`pnpm build` or the API's compile writes it). */
export const SERVER = path.join(import.meta.dirname, '../apps/api/dist/server.mjs');

/** A running server process of the benchmarks. */
export interface ServerProcess {
  process: ChildProcess;
  origin: string;
  /** Milliseconds from the spawn to the first 200 from `/health`. */
  readyMs: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, and resolves when it has exited. */
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the compiled server in a process of its own with `env` over the parent's (DATABASE_URL
 * only if `env` names it: PGlite otherwise) and waits until `/health` answers 200.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 300_000, nodeOptions: string[] = []): Promise<ServerProcess> {
  const port = await freePort();
  const { DATABASE_URL: _omit, ...parent } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeOptions, SERVER], {
    cwd: path.dirname(path.dirname(SERVER)),
    env: { ...parent, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const origin = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    if (await fetch(`${origin}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /health within ${timeoutMs / 1000} s:\n${output}`);
    }
  }
  return { process: child, origin, readyMs: performance.now() - started, output: () => output, stop };
}

/** A memory figure of a /proc file (`Field:   1234 kB`) in MB; 0 when the file has no such field. */
function procMb(file: string, field: string): number {
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number((Number(line?.split(/\s+/)[1] ?? 0) / 1024).toFixed(1));
}

/** Resident memory of a process in MB, from /proc/PID/status. */
export const rssMb = (pid: number): number => procMb(`/proc/${pid}/status`, 'VmRSS');

/**
 * Of a process's resident memory, the part it has given back lazily (`MADV_FREE`, `LazyFree` of
 * /proc/PID/smaps_rollup), in MB: still counted in RSS, but the kernel takes it whenever it needs
 * it, without writing anything out; it leaves RSS only under memory pressure.
 */
export const lazyFreeMb = (pid: number): number => procMb(`/proc/${pid}/smaps_rollup`, 'LazyFree');
