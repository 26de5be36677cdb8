import type { Bilingual } from '../../../http/errors.ts';
import { verifyChain, type ChainCheck } from './audit-chain.ts';
import type { AuditRepository } from './audit-repository.ts';

/** The chain's verdict in both languages. */
export function chainMessage(check: ChainCheck): Bilingual {
  if (!check.broken) {
    return {
      zh: `审计日志完整：${check.entries} 条记录的哈希链全部核验通过；最新哈希 ${check.headHash}（请另行留存，以便日后核对末尾未被截去）。`,
      en: `The audit log is intact: the hash chain of all ${check.entries} entries verifies; head hash ${check.headHash} (keep it elsewhere to show later that nothing was cut off the end).`,
    };
  }
  const { id, reason } = check.broken;
  return reason === 'brokenLink'
    ? {
        zh: `审计日志被篡改：第 ${id} 条记录与前一条不衔接（其前的记录被删除、插入或调换）；此前 ${check.entries} 条核验通过。`,
        en: `The audit log was tampered with: entry ${id} does not follow the one before (an entry was removed, inserted or reordered); the ${check.entries} entries before it verify.`,
      }
    : {
        zh: `审计日志被篡改：第 ${id} 条记录的内容已被改动（哈希不符）；此前 ${check.entries} 条核验通过。`,
        en: `The audit log was tampered with: entry ${id} was altered (its hash does not match); the ${check.entries} entries before it verify.`,
      };
}

/** Walks the whole chain of the log. */
export const verifyAuditLog = (audit: Pick<AuditRepository, 'chainPages'>) => verifyChain(audit.chainPages());
