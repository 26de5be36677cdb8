import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { postgresUrl } from './databases.ts';

/**
 * A PostgreSQL server of the test's own, to stop and start at will without touching the shared
 * one that every other test uses: `initdb` in a temporary directory, on a free port, holding a
 * copy of the run's template database (`pg_dump` → `pg_restore`).
 */
export interface PrivatePostgres {
  /** Its copy of the template database. */
  url: string;
  /** Stops the server (`pg_ctl stop -m fast`: open connections are terminated, as at a restart). */
  stop(): void;
  /** Starts it again on the same port and directory. */
  start(): void;
  /** Stops it and removes its directory. */
  close(): void;
}

/** The server binaries: `pg_config --bindir`, as Debian installs them under /usr/lib/postgresql/N/bin. */
const binDir = () => execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();

/** A TCP port nothing listens on at the moment. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a private server with a copy of the template database (needs DATABASE_URL, like the template). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-pg-'));
  const port = await freePort();
  // PostgreSQL refuses to run as root: the server then runs as the `postgres` account.
  const asServer = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  if (asServer.length > 0) fs.chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  const run = (program: string, args: string[]) => {
    const [command, ...rest] = [...asServer, path.join(bin, program), ...args];
    execFileSync(command, rest, { stdio: 'pipe', cwd: dir });
  };
  const data = path.join(dir, 'data');
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const start = () => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', options, 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();

  const url = `postgres://postgres@127.0.0.1:${port}/mpm`;
  const dump = path.join(dir, 'template.dump');
  execFileSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', dump, postgresUrl(inject('templates').postgresDb)]);
  execFileSync('psql', ['-q', '-c', 'CREATE DATABASE mpm', `postgres://postgres@127.0.0.1:${port}/postgres`]);
  execFileSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', url, dump]);
  return {
    url,
    stop,
    start,
    close() {
      try {
        stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
