import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { createTestApp } from './helpers/test-app.ts';
import { TEST_ADMIN_PASSWORD, TEST_DATABASES, openTestDatabase } from './helpers/databases.ts';
import { pdfPages, pdfText, requirePdfTools } from './helpers/pdf.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command's longest run: it loads PGlite and Chromium, on a machine that runs other suites too. */
const COMMAND_TIMEOUT_MS = 240_000;
/** A test that runs the command a few times. */
const TEST_TIMEOUT_MS = 3 * COMMAND_TIMEOUT_MS;

/**
 * Runs `pnpm report:progress …` as a user would, from `cwd`, with the database settings in `env`
 * only (none inherited: the suite's DATABASE_URL must not leak into a PGlite run). Asynchronous,
 * so that a server in this process can answer the command.
 */
function reportCommand(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const { DATABASE_URL: _url, DATA_DIR: _dir, INIT_CWD: _cwd, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--silent', '--dir', REPO_ROOT, 'report:progress', ...args], {
      cwd,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: COMMAND_TIMEOUT_MS,
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, stdout, stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr }));
  });
}

describe.each(TEST_DATABASES)('pnpm report:progress on %s', (kind) => {
  /** Where the command writes: the directory it is started in. */
  let workDir: string;
  let env: Record<string, string>;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    requirePdfTools();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-cli-'));
    cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
    if (kind === 'pglite') {
      // A copy of the seeded template that no process holds, as after `pnpm start` was stopped.
      const dataDir = path.join(workDir, 'data');
      fs.cpSync(inject('templates').pgliteDir, dataDir, { recursive: true });
      fs.rmSync(path.join(dataDir, 'server.lock'), { force: true });
      env = { DATA_DIR: dataDir };
    } else {
      const db = await openTestDatabase('postgres');
      cleanups.push(() => db.close());
      env = { DATABASE_URL: (db.target as { url: string }).url };
    }
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('writes the monthly report of June 2022 where --out says, relative to where it was started', async () => {
    const run = await reportCommand(['--period', 'month', '--year', '2022', '--month', '6', '--out', 'reports/june.pdf'], env, workDir);
    expect(run.code, run.stderr).toBe(0);
    const file = path.join(workDir, 'reports', 'june.pdf');
    expect(run.stdout).toContain(file);
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(2);
    expect(pdfText(pdf, 'flat')).toContain('正宁县（示范）矿山地质环境恢复治理2022年6月进展报告');
    expect(pdfText(pdf)).toMatch(/2022\s+生产矿山\s+106\.00/);
  }, TEST_TIMEOUT_MS);

  it('names the annual report by its title when there is no --out', async () => {
    const zh = await reportCommand(['--period', 'year', '--year', '2021'], env, workDir);
    expect(zh.code, zh.stderr).toBe(0);
    const file = path.join(workDir, '正宁县（示范）矿山地质环境恢复治理2021年度总结.pdf');
    expect(fs.existsSync(file), zh.stdout).toBe(true);
    expect(pdfText(fs.readFileSync(file))).toMatch(/2021\s+生产矿山\s+106\.00/);
  }, TEST_TIMEOUT_MS);

  // The options are refused before any database is opened: once is enough.
  it.runIf(kind === 'pglite')('refuses a bad period in both languages with exit status 2, writing nothing', async () => {
    const before = fs.readdirSync(workDir);
    const missing = await reportCommand(['--period', 'month', '--year', '2022', '--out', 'x.pdf'], env, workDir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('月度报告需要参数 month');
    expect(missing.stderr).toContain('A monthly report needs month');
    const outside = await reportCommand(['--period', 'year', '--year', '2017', '--out', 'x.pdf'], env, workDir);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/2018—2022/);
    expect(outside.stderr).toMatch(/outside the restoration plan's years/);
    const lang = await reportCommand(['--period', 'year', '--year', '2021', '--lang', 'fr'], env, workDir);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang must be zh or en');
    expect(fs.readdirSync(workDir)).toEqual(before);
  }, TEST_TIMEOUT_MS);

  it.runIf(kind === 'pglite')('will not open the embedded database while a server holds it, and says to use --server', async () => {
    const lock = path.join(env.DATA_DIR, 'server.lock');
    // This test process is alive: to the command it is the running server.
    fs.writeFileSync(lock, String(process.pid));
    try {
      const run = await reportCommand(['--period', 'year', '--year', '2021', '--out', 'locked.pdf'], env, workDir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`PID ${process.pid}`);
      expect(run.stderr).toContain('--server http://localhost:8080');
      expect(run.stderr).toContain('the embedded database allows one writer only');
      expect(fs.existsSync(path.join(workDir, 'locked.pdf'))).toBe(false);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }, TEST_TIMEOUT_MS);

  // Through the server the command opens no database itself; the server's report is the API
  // suite's (report.test.ts, on both databases).
  it.runIf(kind === 'pglite')('prints through a running server with --server, the password in MPM_PASSWORD, in English with --lang en', async () => {
    const t = await createTestApp(kind);
    try {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const args = ['--period', 'halfYear', '--year', '2022', '--half', '1', '--server', address, '--lang', 'en'];
      const noPassword = await reportCommand(args, {}, workDir);
      expect(noPassword.code).toBe(2);
      expect(noPassword.stderr).toContain('MPM_PASSWORD');
      const wrong = await reportCommand(args, { MPM_PASSWORD: 'not-the-password' }, workDir);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('401');

      const run = await reportCommand(args, { MPM_PASSWORD: TEST_ADMIN_PASSWORD }, workDir);
      expect(run.code, run.stderr).toBe(0);
      // Named as the server's Content-Disposition offers it.
      const file = path.join(workDir, '正宁县（示范）-Mine-geological-environment-restoration-summary-of-the-first-half-of-2022.pdf');
      expect(run.stdout).toContain(file);
      expect(pdfText(fs.readFileSync(file))).toContain('summary of the first half of 2022');
    } finally {
      await t.close();
    }
  }, TEST_TIMEOUT_MS);
});
