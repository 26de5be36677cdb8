import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Value } from 'typebox/value';
import { ProgressReportQuery } from '@mpm/contracts';
import type { Language } from '@mpm/domain';
import { loadConfig } from '../config.ts';
import { CliError, openCliDatabase, runCli, serverFetch } from './cli-support.ts';
import { resolvePeriod } from '../plugins/app/reports/progress-period.ts';

const USAGE = `用法 / usage:
  pnpm report:progress --period month --year 2022 --month 6 [--out 报告.pdf] [--lang en]
  pnpm report:progress --period halfYear --year 2022 --half 1
  pnpm report:progress --period year --year 2022
  MPM_PASSWORD=… pnpm report:progress --period year --year 2022 --server http://localhost:8080 [--user admin]

不带 --server：直接读取 DATABASE_URL 或 DATA_DIR 指向的数据库（与服务器相同的设置）。
嵌入式数据库同一时间只允许一个进程打开：服务器运行时请加 --server，经其接口生成（需职员账号，密码放在环境变量 MPM_PASSWORD）。
Without --server the command opens the database that DATABASE_URL or DATA_DIR names (the server's settings).
The embedded database admits one process at a time: while the server runs, add --server to print through
its API (a staff account; the password in the environment variable MPM_PASSWORD).`;

interface CliOptions {
  query: ProgressReportQuery;
  lang: Language;
  out?: string;
  server?: string;
  user: string;
}

function parseOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      period: { type: 'string' },
      year: { type: 'string' },
      month: { type: 'string' },
      half: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'zh' },
      server: { type: 'string' },
      user: { type: 'string', default: 'admin' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.lang !== 'zh' && values.lang !== 'en') {
    throw new CliError({ zh: `--lang 只能是 zh 或 en，收到“${values.lang}”。`, en: `--lang must be zh or en, got "${values.lang}".` });
  }
  const integer = (name: 'year' | 'month' | 'half') => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new CliError({ zh: `--${name} 应为整数，收到“${raw}”。`, en: `--${name} must be an integer, got "${raw}".` });
    return Number(raw);
  };
  const query = Object.fromEntries(
    Object.entries({ period: values.period, year: integer('year'), month: integer('month'), half: integer('half') }).filter(([, v]) => v !== undefined),
  );
  if (!Value.Check(ProgressReportQuery, query)) {
    // An option's own problem names it ("--month must be <= 12"); a missing one is named by the message.
    const problems = [...Value.Errors(ProgressReportQuery, query)].map((e) => (e.instancePath ? `${e.instancePath.replace('/', '--')} ${e.message}` : e.message));
    throw new CliError({
      zh: `参数无效：${problems.join('；')}（period 为 month、halfYear 或 year）`,
      en: `Invalid options: ${problems.join('; ')} (period is month, halfYear or year)`,
    });
  }
  resolvePeriod(query);
  return { query, lang: values.lang, out: values.out, server: values.server, user: values.user ?? 'admin' };
}

/** Where to write: `--out` relative to the directory the command was started in (pnpm runs scripts elsewhere). */
const outputPath = (out: string | undefined, filename: string) => path.resolve(process.env.INIT_CWD || process.cwd(), out ?? filename);

/** Prints the report from the configured database, holding it only for as long as that takes. */
async function fromDatabase(options: CliOptions): Promise<{ pdf: Buffer; filename: string }> {
  const config = loadConfig();
  const db = await openCliDatabase(config, {
    zh: `服务器正在运行时，请加 --server http://localhost:${config.port} 经其接口生成报告。`,
    en: `While the server runs, add --server http://localhost:${config.port} to print through its API.`,
  });
  const [{ loadRuleset, RulesetError }, { createPdfPrinter }, { renderProgressReport }, { createRepositories }] = await Promise.all([
    import('../plugins/app/checks/ruleset.ts'),
    import('../plugins/app/reports/pdf-printer.ts'),
    import('../plugins/app/reports/progress-report.ts'),
    import('../plugins/app/repositories.plugin.ts'),
  ]);
  const printer = createPdfPrinter({ log: (err) => console.error(err) });
  try {
    const context = { repos: createRepositories(db.knex), ruleset: loadRuleset(), printer, now: new Date() };
    return await renderProgressReport(context, options.query, options.lang);
  } catch (err) {
    if (err instanceof RulesetError) throw new CliError({ zh: err.message, en: err.message });
    // An undefined table: the database predates this version and the server has not migrated it yet.
    if ((err as { code?: string }).code === '42P01') {
      throw new CliError({
        zh: '数据库结构不是最新版本：请先用当前版本启动一次服务器（pnpm start）以完成迁移。',
        en: 'The database schema is out of date: start the server of this version once (pnpm start) to migrate it.',
      });
    }
    throw err;
  } finally {
    await printer.close();
    await db.close();
  }
}

/** Prints the report through a running server's API with HTTP Basic credentials. */
async function fromServer(server: string, options: CliOptions): Promise<{ pdf: Buffer; filename: string }> {
  const url = new URL('/api/reports/progress.pdf', server);
  for (const [key, value] of Object.entries(options.query)) url.searchParams.set(key, String(value));
  const response = await serverFetch(server, url, options.user, options.lang);
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const filename = encoded ? decodeURIComponent(encoded) : 'progress-report.pdf';
  return { pdf: Buffer.from(await response.arrayBuffer()), filename: path.basename(filename) };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const report = options.server ? await fromServer(options.server, options) : await fromDatabase(options);
  const file = outputPath(options.out, report.filename);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, report.pdf);
  console.log(`已生成 / written: ${file} (${Math.round(report.pdf.length / 1024)} KB)`);
  return 0;
}

await runCli(main, USAGE);
