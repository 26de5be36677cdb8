import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The poppler tools PDF tests read PDFs with (`apt-get install -y poppler-utils`) and the printing browser. */
export function requirePdfTools(): void {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm']) {
    try {
      execFileSync('which', [tool], { stdio: 'pipe' });
    } catch {
      throw new Error(`${tool} is missing: PDF tests read the PDF with it (apt-get install -y poppler-utils)`);
    }
  }
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) throw new Error(`Chromium is missing at ${chromium}: apt-get install -y chromium fonts-noto-cjk`);
}

/** Runs `tool` with `args` and the PDF written to a temporary file (removed after), answering its output. */
function readPdf(pdf: Buffer, tool: string, args: string[], after: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...after], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The PDF's text as pdftotext reads it: `layout` keeps table rows on one line; `flat` follows
 * the content order with all white space removed, so text wrapped inside a cell reads whole.
 */
export function pdfText(pdf: Buffer, mode: 'layout' | 'flat' = 'layout'): string {
  const text = readPdf(pdf, 'pdftotext', [mode === 'layout' ? '-layout' : '-raw'], ['-']);
  return mode === 'layout' ? text : text.replace(/\s+/g, '');
}

/** The PDF's page count (pdfinfo). */
export function pdfPages(pdf: Buffer): number {
  const info = readPdf(pdf, 'pdfinfo', []);
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** The PDF's fonts (pdffonts): whether each is embedded and maps its glyphs back to Unicode. */
export function pdfFonts(pdf: Buffer): { type: string; embedded: boolean; unicode: boolean }[] {
  const table = readPdf(pdf, 'pdffonts', []);
  // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object id, generation.
  return table
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      const [emb, , uni] = cells.slice(-5, -2);
      return { type: cells.slice(1, -6).join(' '), embedded: emb === 'yes', unicode: uni === 'yes' };
    });
}

/** Every page as a PNG at 50 dpi in `dir` (with the PDF), for a person to look at; returns the PNG files. */
export function pagePngs(pdf: Buffer, name: string, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  for (const old of fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) fs.rmSync(path.join(dir, old));
  const pdfFile = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(pdfFile, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '50', pdfFile, path.join(dir, name)]);
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).map((f) => path.join(dir, f));
}
