import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type AppConfig } from '../config.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { UserError, type Bilingual } from '../http/errors.ts';

/** A problem the user can fix: printed in both languages, exit status 2. */
export class CliError extends Error {
  constructor(readonly messages: Bilingual) {
    super(messages.en);
  }
}

/**
 * Opens the database the server's settings name (DATABASE_URL or DATA_DIR). An embedded database
 * admits one process: while the server holds it, the error says `whileRunning` (what to do instead).
 */
export async function openCliDatabase(config: AppConfig, whileRunning: Bilingual) {
  const target = config.database;
  if (target.kind === 'pglite' && !fs.existsSync(path.join(target.dataDir, 'pgdata'))) {
    throw new CliError({
      zh: `${target.dataDir} 下没有数据库：请先启动一次服务器（pnpm start），或用 DATA_DIR / DATABASE_URL 指定数据库。`,
      en: `There is no database in ${target.dataDir}: start the server once (pnpm start), or name the database with DATA_DIR or DATABASE_URL.`,
    });
  }
  // Loaded only now: a mistyped option is answered without loading the database.
  const { openDatabase } = await import('../db/connect.ts');
  try {
    return await openDatabase(target);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      // Its message is "中文 / English".
      const split = err.message.indexOf(' / ');
      throw new CliError({
        zh: `${err.message.slice(0, split)}\n${whileRunning.zh}`,
        en: `${err.message.slice(split + 3)}\n${whileRunning.en}`,
      });
    }
    throw err;
  }
}

/** An answer of a running server's API, signed in with HTTP Basic as `user` (password in MPM_PASSWORD); a refusal is a `CliError`. */
export async function serverFetch(server: string, url: URL, user: string, lang: 'zh' | 'en'): Promise<Response> {
  const password = process.env.MPM_PASSWORD;
  if (!password) {
    throw new CliError({
      zh: `使用 --server 时，请在环境变量 MPM_PASSWORD 中提供账号 ${user} 的密码。`,
      en: `With --server, put the password of ${user} in the environment variable MPM_PASSWORD.`,
    });
  }
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
        'accept-language': lang === 'en' ? 'en' : 'zh-CN',
      },
    });
  } catch (err) {
    throw new CliError({ zh: `无法连接服务器 ${server}：${(err as Error).message}`, en: `Cannot reach the server at ${server}: ${(err as Error).message}` });
  }
  if (!response.ok) {
    const body = await response.text();
    let message = body;
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      // not JSON: the body as it is
    }
    throw new CliError({ zh: `服务器拒绝（${response.status}）：${message}`, en: `The server refused (${response.status}): ${message}` });
  }
  return response;
}

/**
 * Runs a command's `main` and exits with its status: a problem the user can fix is printed in
 * both languages (status 2, with `usage` after a mistyped option or setting); anything else is a
 * fault (status 1).
 */
export async function runCli(main: () => Promise<number>, usage: string): Promise<never> {
  let status: number;
  try {
    status = await main();
  } catch (err) {
    const parseError = String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    if (err instanceof CliError || err instanceof UserError) {
      console.error(`${err.messages.zh}\n${err.messages.en}`);
      status = 2;
    } else if (err instanceof ConfigError || parseError) {
      console.error(`${(err as Error).message}\n\n${usage}`);
      status = 2;
    } else {
      console.error(err);
      status = 1;
    }
  }
  process.exit(status);
}
