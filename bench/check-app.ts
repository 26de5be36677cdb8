import type { AddressInfo } from 'node:net';
import { buildApp, loadConfig, prepareDatabase, type Database } from '@mpm/api';

const PASSWORD = 'bench-admin-password';
/** The proposal every benchmarked check carries. */
export const PROPOSAL = { mineral: 'brickClay', capacity10ktPerYear: 15, rightKind: 'new' };

/**
 * The app over `db` with the demo county (ANALYZEd on PostgreSQL), listening on loopback with the
 * check's rate limit out of the way, and the admin's session cookie: what the check benchmarks load.
 */
export async function checkApp(db: Database, kind: 'pglite' | 'postgres') {
  await prepareDatabase(db.knex, { loadDemo: true, adminPassword: PASSWORD });
  if (kind === 'postgres') await db.knex.raw('ANALYZE');
  const app = await buildApp({ db, config: { ...loadConfig({}), webDist: '', logLevel: 'warn', checksPerMinute: 10_000_000 }, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: PASSWORD } });
  const cookie = `mpm_session=${login.cookies.find((c) => c.name === 'mpm_session')!.value}`;
  return { app, origin, cookie };
}
