import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import crypto from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { REPO_ROOT } from './paths.ts';

/** Password of the `admin` account in the seeded template every server here starts from. */
export const TEST_ADMIN_PASSWORD = inject('templates').adminPassword;

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
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

/** A private copy of the seeded PGlite template, as a DATA_DIR. */
export function copyTemplateDataDir(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-e2e-'));
  fs.cpSync(inject('templates').pgliteDir, dataDir, { recursive: true });
  fs.rmSync(path.join(dataDir, 'server.lock'), { force: true });
  return dataDir;
}

const withoutDatabaseUrl = ({ DATABASE_URL: _omit, ...env }: NodeJS.ProcessEnv) => env;

/**
 * Spawns the real server as `pnpm start` runs it (the compiled `apps/api/dist/server.mjs`, which
 * the test run's global setup compiles from the sources first) without waiting.
 */
export function spawnServer(env: Record<string, string>): { process: ChildProcess; output(): string } {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(REPO_ROOT, 'apps/api/dist/server.mjs')], {
    cwd: path.join(REPO_ROOT, 'apps/api'),
    // The embedded database, always: CI's DATABASE_URL is for the API suites, not this server.
    env: { ...withoutDatabaseUrl(process.env), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { process: child, output: () => output };
}

/**
 * Starts the real server on a copy of the seeded template (or `dataDir`) and waits until
 * `GET /health` answers 200.
 */
export async function startServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? copyTemplateDataDir();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { process: child, output } = spawnServer({ PORT: String(port), DATA_DIR: dataDir, ...options.env });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    port,
    dataDir,
    process: child,
    output,
    async stop() {
      // A process killed by a signal has no exit code, only its signal.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The embedded database always; PostgreSQL + PostGIS when DATABASE_URL is set (a clone of the run's template). */
export const SERVER_DATABASES = process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

const psql = (sql: string) => execFileSync('psql', [process.env.DATABASE_URL!, '-q', '-c', sql]);

/**
 * Servers on `kind`, one after another, over one data directory (for photos and the embedded
 * database) and for PostgreSQL one database cloned from the run's template, kept across restarts.
 */
export function serverOnDatabase(kind: (typeof SERVER_DATABASES)[number], prefix: string) {
  const dataDir = copyTemplateDataDir();
  const env: Record<string, string> = {};
  let database: string | undefined;
  if (kind === 'postgres') {
    database = `mpm_e2e_${prefix}_${crypto.randomBytes(4).toString('hex')}`;
    psql(`CREATE DATABASE ${database} TEMPLATE ${inject('templates').postgresDb}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.toString();
  }
  return {
    dataDir,
    start: (extra: Record<string, string> = {}) => startServer({ dataDir, env: { ...env, ...extra } }),
    remove() {
      if (database) psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
