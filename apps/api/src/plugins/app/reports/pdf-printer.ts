import fs from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { UserError } from '../../../http/errors.ts';

/** Debian's Chromium (`apt-get install chromium fonts-noto-cjk`); `CHROMIUM_PATH` overrides it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, headless Chromium that fetches nothing on its own. */
const LAUNCH_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options of {@link createPdfPrinter}; each has a default. */
export interface PdfPrinterOptions {
  /** Chromium's executable, read at each launch. Default: env `CHROMIUM_PATH`, else `/usr/bin/chromium`. */
  executablePath?: () => string;
  /** Pages printed at once (each holds a renderer process). Default 2. */
  maxConcurrent?: number;
  /** Requests waiting for a turn before the next is refused with 503. Default 8. */
  maxWaiting?: number;
  /** Longest a page may take to load and print, in ms. Default 60 s. */
  timeoutMs?: number;
  /** Where launch failures are reported (they become a 503 for the caller). */
  log?: (err: unknown) => void;
}

/** One page of a given size, as a PDF or as a PNG of `dpi` dots per inch. */
export interface PageOptions {
  widthMm: number;
  heightMm: number;
  format: 'pdf' | 'png';
  /** Resolution of a PNG. */
  dpi: number;
}

/** CSS pixels per millimetre: Chromium lays pages out at 96 per inch. */
const PX_PER_MM = 96 / 25.4;

/** Prints HTML to PDF with one lazily launched, reused headless Chromium. */
export interface PdfPrinter {
  /** The HTML page (self-contained: no script, no network) as an A4 PDF. */
  print(html: string, footerHtml: string): Promise<Buffer>;
  /** The HTML (self-contained) as exactly one page of the given size, without margins or footer. */
  printPage(html: string, page: PageOptions): Promise<Buffer>;
  /** Closes the browser, if one was launched. */
  close(): Promise<void>;
}

/** 503: the server cannot print (Chromium missing or failing to start, or too many waiting). */
const unavailable = (path: string) =>
  new UserError(503, 'pdfUnavailable', {
    zh: `生成 PDF 报告需要服务器安装 Chromium 浏览器（未在 ${path} 找到或无法启动）。请管理员执行 apt-get install chromium fonts-noto-cjk，或用环境变量 CHROMIUM_PATH 指定其位置。`,
    en: `The PDF report needs Chromium on the server (not found at ${path}, or it would not start). Ask the administrator to run apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH to its location.`,
  });

const busy = () =>
  new UserError(503, 'pdfBusy', {
    zh: '正在生成的 PDF 报告过多，请稍后重试。',
    en: 'Too many PDF reports are being printed; please try again shortly.',
  });

/** A counting semaphore with a bounded queue. */
function turns(maxConcurrent: number, maxWaiting: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (running < maxConcurrent) {
        running++;
        return;
      }
      if (waiting.length >= maxWaiting) throw busy();
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else running--;
    },
  };
}

/** See {@link PdfPrinter}. */
export function createPdfPrinter(options: PdfPrinterOptions = {}): PdfPrinter {
  const executablePath = options.executablePath ?? (() => process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH);
  const timeout = options.timeoutMs ?? 60_000;
  const queue = turns(options.maxConcurrent ?? 2, options.maxWaiting ?? 8);
  let browser: Promise<Browser> | undefined;
  let closed = false;

  async function launch(): Promise<Browser> {
    const path = executablePath();
    if (!fs.existsSync(path)) throw unavailable(path);
    try {
      // Playwright is loaded with the first browser it launches, not at every start.
      const { chromium } = await import('playwright-core');
      const launched = await chromium.launch({ executablePath: path, args: LAUNCH_ARGS, timeout });
      // A crashed browser is launched again on the next request.
      launched.on('disconnected', () => {
        browser = undefined;
      });
      return launched;
    } catch (err) {
      options.log?.(err);
      throw unavailable(path);
    }
  }

  function currentBrowser(): Promise<Browser> {
    browser ??= launch().catch((err: unknown) => {
      browser = undefined;
      throw err;
    });
    return browser;
  }

  /** `html` loaded in a fresh offline page without script, handed to `output`, in turn with the other prints. */
  async function withPage(html: string, contextOptions: BrowserContextOptions, output: (page: Page) => Promise<Buffer>): Promise<Buffer> {
    await queue.acquire();
    try {
      if (closed) throw unavailable(executablePath());
      const context = await (await currentBrowser()).newContext({ ...contextOptions, javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(timeout);
        await page.setContent(html, { waitUntil: 'load', timeout });
        return await output(page);
      } finally {
        await context.close();
      }
    } finally {
      queue.release();
    }
  }

  return {
    print: (html, footerHtml) =>
      withPage(html, {}, (page) =>
        page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerHtml,
          margin: { top: '14mm', bottom: '16mm', left: '14mm', right: '14mm' },
        }),
      ),

    printPage(html, { widthMm, heightMm, format, dpi }) {
      if (format === 'pdf') {
        return withPage(html, {}, (page) =>
          page.pdf({ width: `${widthMm}mm`, height: `${heightMm}mm`, printBackground: true, margin: { top: '0', bottom: '0', left: '0', right: '0' } }),
        );
      }
      const viewport = { width: Math.round(widthMm * PX_PER_MM), height: Math.round(heightMm * PX_PER_MM) };
      return withPage(html, { viewport, deviceScaleFactor: dpi / 96 }, (page) => page.screenshot({ type: 'png' }));
    },

    async close() {
      closed = true;
      const pending = browser;
      browser = undefined;
      if (pending) await (await pending.catch(() => undefined))?.close();
    },
  };
}
