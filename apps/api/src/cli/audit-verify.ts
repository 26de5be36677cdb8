import { parseArgs } from 'node:util';
import type { AuditVerifyResponse } from '@mpm/contracts';
import { loadConfig } from '../config.ts';
import { openCliDatabase, runCli, serverFetch } from './cli-support.ts';

const USAGE = `用法 / usage:
  pnpm audit:verify
  MPM_PASSWORD=… pnpm audit:verify --server http://localhost:8080 [--user admin]

核验审计日志的哈希链：任何一条记录被改动、删除、插入或调换，都会指出第一处。退出码 0 为完整，3 为被篡改。
不带 --server：直接读取 DATABASE_URL 或 DATA_DIR 指向的数据库；嵌入式数据库在服务器运行时请加 --server（管理员账号）。
Verifies the audit log's hash chain: any entry altered, removed, inserted or reordered is found, the first one named.
Exit status 0: intact; 3: tampered with. Without --server the command opens the database that DATABASE_URL or DATA_DIR
names; while the server runs on the embedded database, add --server (an admin account).`;

/** The chain's verdict in both languages, and whether it holds. */
async function verify(server: string | undefined, user: string): Promise<{ ok: boolean; zh: string; en: string }> {
  if (server) {
    const answer = async (lang: 'zh' | 'en') =>
      (await (await serverFetch(server, new URL('/api/audit/verify', server), user, lang)).json()) as AuditVerifyResponse;
    const [zh, en] = await Promise.all([answer('zh'), answer('en')]);
    return { ok: zh.ok, zh: zh.message, en: en.message };
  }
  const config = loadConfig();
  const db = await openCliDatabase(config, {
    zh: `服务器正在运行时，请加 --server http://localhost:${config.port} 经其接口核验。`,
    en: `While the server runs, add --server http://localhost:${config.port} to verify through its API.`,
  });
  try {
    const [{ createAuditRepository }, { chainMessage, verifyAuditLog }] = await Promise.all([
      import('../plugins/app/audit/audit-repository.ts'),
      import('../plugins/app/audit/audit-verify.ts'),
    ]);
    const check = await verifyAuditLog(createAuditRepository(db.knex));
    return { ok: check.broken === null, ...chainMessage(check) };
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { server: { type: 'string' }, user: { type: 'string', default: 'admin' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const verdict = await verify(values.server, values.user);
  (verdict.ok ? console.log : console.error)(`${verdict.zh}\n${verdict.en}`);
  return verdict.ok ? 0 : 3;
}

await runCli(main, USAGE);
