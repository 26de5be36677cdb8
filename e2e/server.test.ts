import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnServer, startServer, type RunningServer } from './helpers/server.ts';

const waitForExit = (child: ReturnType<typeof spawnServer>['process']) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('the product on its embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-first-start-'));
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates, migrates and loads the demo county on first start, and prints the admin password once', async () => {
    server = await startServer({ dataDir });
    const match = server.output().match(/密码 password:\s+(\S+)/);
    expect(match, server.output()).not.toBeNull();
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: match![1] }),
    });
    expect(login.status).toBe(200);
    const layers = await (await fetch(`${server.url}/api/layers`)).json();
    expect(layers.layers.length).toBeGreaterThan(10);
  });

  it('refuses a second process on the same data directory, with a clear message', async () => {
    const second = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    const code = await waitForExit(second.process);
    expect(code).toBe(2);
    expect(second.output()).toContain('嵌入式数据库只允许一个进程写入');
    expect(second.output()).toContain('allows one writer only');
    // The first server still serves.
    expect((await fetch(`${server!.url}/health`)).status).toBe(200);
  });

  it('sends the web app compressed as the browser accepts it, its hashed assets kept for good and its page checked again', async () => {
    const page = await fetch(`${server!.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = (await page.text()).match(/src="(\/assets\/index-[^"]+\.js)"/)![1];
    for (const coding of ['br', 'gzip'] as const) {
      const asset = await fetch(`${server!.url}${script}`, { headers: { 'accept-encoding': coding } });
      expect(asset.headers.get('content-encoding')).toBe(coding);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(await asset.text()).toContain('maplibre');
    }
    const plain = await fetch(`${server!.url}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('reopens the same directory on the next start without loading or printing anything again', async () => {
    await server!.stop();
    server = await startServer({ dataDir, env: { LOG_LEVEL: 'info' } });
    expect(server.output()).not.toMatch(/密码 password/);
    const counties = await (await fetch(`${server.url}/ogc/collections/county/items`)).json();
    expect(counties.numberMatched).toBe(1);
    // Having started, it asked itself for the first visit's config, layers and a county tile.
    await expect.poll(() => server!.output(), { timeout: 30_000 }).toMatch(/warmed up: config, layers and a county tile/);
    expect(server.output()).not.toMatch(/warm-up after start failed/);
  });
});
