import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './paths.ts';
import { startServer, type RunningServer } from './server.ts';

/** Debian's chromium; tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Debian chromium with software WebGL (SwiftShader), so MapLibre renders on a machine
 * without a GPU, and with Chrome's own background traffic switched off.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No browser at ${CHROMIUM_PATH}: the end-to-end tests drive Debian's chromium (apt-get install chromium) ` +
        'and never download one.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Every URL a browser context requests (pages and their workers), in order. */
export function recordRequests(context: BrowserContext): { urls: string[]; external(): string[] } {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return {
    urls,
    /** Requests that left the machine: anything but 127.0.0.1, `data:` and `blob:`. */
    external: () =>
      urls.filter((url) => {
        const { protocol, hostname } = new URL(url);
        return !(protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1');
      }),
  };
}

/**
 * How many data revisions the map asked the tiles of all layers at (`/tiles/{z}/{x}/{y}.mvt?v=`):
 * more than one once it fetched them anew after a write.
 */
export const tileRevisionsAsked = (urls: readonly string[]): number =>
  new Set(urls.flatMap((url) => /\/tiles\/\d+\/\d+\/\d+\.mvt\?v=([\w-]+)/.exec(url)?.[1] ?? [])).size;

const WEB_INDEX = path.join(REPO_ROOT, 'apps/web/dist/index.html');

/**
 * For a browser suite: before all its tests, the real server (on a private copy of the seeded
 * database, serving the built web app) and Chromium; after them, both stopped.
 */
export function useServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(WEB_INDEX)) {
      throw new Error(`${WEB_INDEX} is missing: build the web app first (pnpm --filter @mpm/web build).`);
    }
    browser = await launchChromium();
    server = await startServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}

/** Waits until the map exists, has its style and sources loaded, has every tile and is still. */
export async function waitForMapIdle(page: Page) {
  await page.waitForFunction(
    () => {
      const map = window.__mpmMap;
      return !!map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
    },
    undefined,
    { timeout: 30_000, polling: 100 },
  );
}
