import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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
