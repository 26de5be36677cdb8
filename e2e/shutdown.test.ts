import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_DATABASES, TEST_ADMIN_PASSWORD, serverOnDatabase, type RunningServer } from './helpers/server.ts';

const LOGIN_BODY = JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD });

/**
 * A sign-in sent on a raw socket up to half its body: a request the server has begun and cannot
 * finish until the rest arrives. `finish` sends the rest (and whatever should follow on the same
 * connection) and resolves with everything the server wrote before it closed the connection.
 */
async function halfSentSignIn(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('utf8')));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  const half = Math.floor(LOGIN_BODY.length / 2);
  socket.write(
    `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(LOGIN_BODY)}\r\n\r\n${LOGIN_BODY.slice(0, half)}`,
  );
  return {
    async finish(following = ''): Promise<string> {
      socket.write(LOGIN_BODY.slice(half) + following);
      await closed;
      return received;
    },
    closed: closed.then(() => received),
  };
}

const exited = (server: RunningServer) =>
  new Promise<{ code: number | null; at: number }>((resolve) => {
    if (server.process.exitCode !== null) resolve({ code: server.process.exitCode, at: Date.now() });
    else server.process.once('exit', (code) => resolve({ code, at: Date.now() }));
  });

/** Resolves once the server no longer accepts connections (fetch is refused). */
async function refusingConnections(url: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    try {
      await fetch(`${url}/health`);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the server still accepts connections 10 s after SIGTERM');
}

describe.each(SERVER_DATABASES)('SIGTERM on %s', (kind) => {
  let factory: ReturnType<typeof serverOnDatabase> | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    factory?.remove();
    server = factory = undefined;
  });

  it('stops taking connections, finishes the request in flight (its write is kept), refuses what follows it, closes the database; a request that never ends is cut off after the grace period', async () => {
    factory = serverOnDatabase(kind, 'shutdown');
    server = await factory.start();
    const pending = await halfSentSignIn(server.port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exit = exited(server);
    server.process.kill('SIGTERM');
    await refusingConnections(server.url);

    // The rest of the body, and a second request pipelined behind it on the same connection.
    const answer = await pending.finish(`GET /api/layers HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\n\r\n`);
    const [first, ...rest] = answer.split(/(?=HTTP\/1\.1 )/);
    expect(first, answer).toMatch(/^HTTP\/1\.1 200 /);
    const cookie = first!.match(/mpm_session=([^;]+)/)?.[1];
    expect(cookie).toBeTruthy();
    // The request behind it is refused by name, in the user's language, and the connection closed.
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatch(/^HTTP\/1\.1 503 /);
    expect(rest[0]).toMatch(/retry-after: \d+/i);
    expect(rest[0]).toContain('"code":"shuttingDown","message":"The server is stopping; try again in 5 s."');

    expect((await exit).code, server.output()).toBe(0);
    expect(server.output()).not.toMatch(/unhandled error|Error:/);
    if (kind === 'pglite') expect(fs.existsSync(path.join(factory.dataDir, 'server.lock'))).toBe(false);

    // The session the in-flight sign-in wrote is there after the next start: the write was kept.
    // This time a request that never finishes is given 1 s (SHUTDOWN_GRACE_S), then cut off.
    server = await factory.start({ SHUTDOWN_GRACE_S: '1' });
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `mpm_session=${cookie}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).user.username).toBe('admin');

    const hanging = await halfSentSignIn(server.port);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const capped = exited(server);
    const sent = Date.now();
    server.process.kill('SIGTERM');
    const { code, at } = await capped;
    expect(code, server.output()).toBe(0);
    // 1 s of grace, then the connection is closed and the database after it.
    expect(at - sent).toBeLessThan(6_000);
    expect(server.output()).toMatch(/requests still in flight/);
    await hanging.closed;
    if (kind === 'pglite') expect(fs.existsSync(path.join(factory.dataDir, 'server.lock'))).toBe(false);
  });
});
