import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openTestDatabase, TEST_ADMIN_PASSWORD, type DatabaseKind } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Awaited<ReturnType<typeof openTestDatabase>>;
  /** This app's own photo directory, removed on close. */
  photosDir: string;
  /** Signs in and returns the session cookie header value. */
  login(username?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app over a private copy of the seeded test database of `kind`. */
export async function createTestApp(
  kind: DatabaseKind,
  config: { checksPerMinute?: number; tipOffsPerHour?: number; photoMaxBytes?: number; importMaxBytes?: number; trustProxy?: boolean | number | string } = {},
  onRoute?: (route: RouteOptions) => void,
): Promise<TestApp> {
  const db = await openTestDatabase(kind);
  const photosDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-photos-'));
  const app = await buildApp({
    db,
    config: { ...loadConfig({}), logLevel: 'warn', photosDir, ...config },
    logger: false,
    onRoute,
  });
  await app.ready();
  return {
    app,
    db,
    photosDir,
    async login(username = 'admin', password = TEST_ADMIN_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'mpm_session');
      return `mpm_session=${cookie!.value}`;
    },
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(photosDir, { recursive: true, force: true });
    },
  };
}
