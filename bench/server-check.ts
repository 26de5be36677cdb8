import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig, openDatabase, prepareDatabase, type DatabaseTarget } from '@mpm/api';
import { summary, type Latency } from './stats.ts';

/** How many of the edited blocks the server checks: each is a full HTTP request through PostGIS. */
const SAMPLE = 100;
const PASSWORD = 'bench-admin-password';

/**
 * The latency of the server's authoritative check (`POST /api/check`, PostGIS engine, the real
 * app through `inject`) on a spread-out sample of the same edited blocks: on PostgreSQL when
 * DATABASE_URL is set (its database must be empty or hold the demo county), else on a fresh
 * embedded PGlite directory (creating it takes ~20 s, not timed).
 */
export async function serverCheckLatency(blocks: readonly GeoJSON.Polygon[]): Promise<(Latency & { database: string }) | null> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-bench-'));
  const target: DatabaseTarget = process.env.DATABASE_URL
    ? { kind: 'postgres', url: process.env.DATABASE_URL }
    : { kind: 'pglite', dataDir };
  const db = await openDatabase(target);
  try {
    await prepareDatabase(db.knex, { loadDemo: true, adminPassword: PASSWORD });
    const app = await buildApp({ db, config: { ...loadConfig({}), webDist: '', logLevel: 'warn' }, logger: false });
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'mpm_session');
    if (!cookie) throw new Error(`bench could not sign in: ${login.statusCode} ${login.body}`);
    const step = Math.max(1, Math.floor(blocks.length / SAMPLE));
    const sample = blocks.filter((_, i) => i % step === 0).slice(0, SAMPLE);
    const check = (geometry: GeoJSON.Polygon) =>
      app.inject({
        method: 'POST',
        url: '/api/check',
        headers: { cookie: `mpm_session=${cookie.value}` },
        payload: { geometry, proposal: { mineral: 'brickClay', capacity10ktPerYear: 15, rightKind: 'new' } },
      });
    for (const block of sample.slice(0, 5)) await check(block);
    const samples: number[] = [];
    for (const block of sample) {
      const start = performance.now();
      const response = await check(block);
      samples.push(performance.now() - start);
      if (response.statusCode !== 200) throw new Error(`server check answered ${response.statusCode}: ${response.body}`);
    }
    await app.close();
    return { ...summary(samples), database: target.kind };
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
