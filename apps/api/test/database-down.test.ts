import { describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { PGliteThread } from '../src/db/pglite-thread.ts';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES, openTestDatabase } from './helpers/databases.ts';
import { startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.ts';

const EN = { 'accept-language': 'en-US,en;q=0.9' };

/** Routes that read the database, anonymous and signed in (the session itself is in the database). */
const DATA_ROUTES = [
  { url: '/api/layers' },
  { url: '/ogc/collections/roads/items?limit=2' },
  { url: '/api/search?q=%E6%AD%A3%E5%AE%81' },
  { url: '/api/ledger', signedIn: true },
  { url: '/api/auth/me', signedIn: true },
];

/** The app over `db`, its log lines kept (JSON, one per line) to count what it said. */
async function appWithLog(db: Database) {
  const lines: { level: number; msg: string }[] = [];
  const app = await buildApp({
    db,
    config: { ...loadConfig({}), logLevel: 'warn' },
    logStream: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  await app.ready();
  return { app, said: (msg: string) => lines.filter((line) => line.msg === msg).length, lines };
}

async function signIn(app: FastifyInstance): Promise<string> {
  const answer = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
  expect(answer.statusCode, answer.body).toBe(200);
  return `mpm_session=${answer.cookies.find((c) => c.name === 'mpm_session')!.value}`;
}

/** Every data route (and a sign-in, a write's first step) answers 503 with Retry-After, in both languages. */
async function expectUnavailable(app: FastifyInstance, cookie: string) {
  for (const { url, signedIn } of DATA_ROUTES) {
    for (const language of [{}, EN]) {
      const answer = await app.inject({ method: 'GET', url, headers: { ...language, ...(signedIn && { cookie }) } });
      expect(answer.statusCode, `${url}: ${answer.body}`).toBe(503);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(answer.json()).toEqual({
        statusCode: 503,
        code: 'databaseUnavailable',
        message: language === EN ? expect.stringMatching(/^The database cannot be reached/) : expect.stringMatching(/^暂时连不上数据库/),
      });
    }
  }
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
  expect(login.statusCode).toBe(503);
  const health = await app.inject({ method: 'GET', url: '/health' });
  expect(health.statusCode).toBe(503);
  expect(Number(health.headers['retry-after'])).toBeGreaterThan(0);
}

/**
 * A session looked up in the last few seconds is kept in memory (session-cache.ts), and
 * `/api/auth/me` answers it without the database. Signing out is a write to sessions: it forgets
 * every kept lookup, so the signed-in routes below go to the database again.
 */
async function forgetKeptSessions(app: FastifyInstance): Promise<void> {
  const other = await signIn(app);
  const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: other } });
  expect(out.statusCode, out.body).toBeLessThan(300);
}

async function expectAvailable(app: FastifyInstance, cookie: string) {
  for (const { url, signedIn } of DATA_ROUTES) {
    const answer = await app.inject({ method: 'GET', url, headers: signedIn ? { cookie } : {} });
    expect(answer.statusCode, `${url}: ${answer.body}`).toBe(200);
  }
}

/** Waits until `/api/layers` answers 200 again, on its own: nothing is restarted but the database. */
async function recovered(app: FastifyInstance): Promise<void> {
  const until = Date.now() + 20_000;
  while ((await app.inject({ method: 'GET', url: '/api/layers' })).statusCode !== 200) {
    if (Date.now() > until) throw new Error('the app did not recover within 20 s of the database coming back');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(TEST_DATABASES)('database unavailable on %s', (kind) => {
  it.runIf(kind === 'postgres')('answers 503 with Retry-After while PostgreSQL is stopped, logs it once, and recovers by itself', async () => {
    const server: PrivatePostgres = await startPrivatePostgres();
    const db = await openDatabase({ kind: 'postgres', url: server.url });
    const { app, said, lines } = await appWithLog(db);
    try {
      const cookie = await signIn(app);
      await expectAvailable(app, cookie);

      for (let outage = 1; outage <= 2; outage++) {
        await forgetKeptSessions(app);
        server.stop();
        // Nothing else prints a line per failed request either (knex notes each failed connection).
        const printed = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
        await expectUnavailable(app, cookie);
        await expectUnavailable(app, cookie);
        for (const spy of printed) {
          expect(spy.mock.calls.flat().join('\n')).not.toMatch(/connect|Connection/);
          spy.mockRestore();
        }
        expect(said('database unavailable'), JSON.stringify(lines)).toBe(outage);
        server.start();
        await recovered(app);
        await expectAvailable(app, cookie);
        expect(said('database available again')).toBe(outage);
      }
      expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual(['database unavailable', 'database unavailable']);
    } finally {
      await app.close();
      await db.close();
      server.close();
    }
  }, 120_000);

  it.runIf(kind === 'pglite')('answers 503 with Retry-After once the embedded database is closed, and logs it once', async () => {
    const db = await openTestDatabase('pglite');
    const { app, said, lines } = await appWithLog(db);
    try {
      const cookie = await signIn(app);
      await expectAvailable(app, cookie);
      await forgetKeptSessions(app);
      // As if it had been shut down under the running server.
      const { pglite } = (db.knex.client.config.connection as () => { pglite: PGliteThread })();
      await pglite.close();
      await expectUnavailable(app, cookie);
      await expectUnavailable(app, cookie);
      expect(said('database unavailable'), JSON.stringify(lines)).toBe(1);
      expect(lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual(['database unavailable']);
    } finally {
      await app.close();
      await db.close();
    }
  }, 120_000);
});
