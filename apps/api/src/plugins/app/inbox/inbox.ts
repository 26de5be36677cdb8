import { INBOX_KINDS, type InboxKind, type InboxResponse } from '@mpm/contracts';
import { LEDGER_TRANSITIONS, isStaff, proposalStepRule, type Role } from '@mpm/domain';
import type { User } from '../auth/users-repository.ts';
import { chinaToday } from '../reports/china-time.ts';
import type { InboxGroupRows, InboxRepository } from './inbox-repository.ts';

/** Whether `role` moves ledger entries along (巡查员, 管理员): theirs are overdue entries and new tip-offs. */
const worksLedger = (role: Role) => LEDGER_TRANSITIONS.some((step) => step.roles.includes(role));

/**
 * The kinds a role deals with, in {@link INBOX_KINDS} order: every staff member who reads the
 * licence register the licences expiring (not a data manager, whose work is the layers); who
 * takes ledger steps the overdue entries and new tip-offs, and the campaigns' overdue tasks and
 * late and due reports (they update tasks and record reports); who may approve a proposal
 * (审核员, 管理员) the proposals waiting.
 */
export function inboxKindsFor(role: Role): InboxKind[] {
  if (!isStaff(role)) return [];
  const wanted: Record<InboxKind, boolean> = {
    expiringLicence: role !== 'dataManager',
    overdueLedger: worksLedger(role),
    newTipOff: worksLedger(role),
    proposalWaiting: proposalStepRule('approve').roles.includes(role),
    overdueTask: worksLedger(role),
    reportLate: worksLedger(role),
    reportDue: worksLedger(role),
  };
  return INBOX_KINDS.filter((kind) => wanted[kind]);
}

/** `user`'s inbox on `now`'s day in China time: each kind of their role with its count and first items. */
export async function inboxFor(repo: InboxRepository, user: User, now: Date = new Date()): Promise<InboxResponse> {
  const today = chinaToday(now);
  const read: Record<InboxKind, () => Promise<InboxGroupRows>> = {
    expiringLicence: () => repo.expiringLicences(today),
    overdueLedger: () => repo.overdueEntries(today),
    newTipOff: () => repo.newTipOffs(today),
    proposalWaiting: () => repo.waitingProposals({ userId: user.id, role: user.role }),
    overdueTask: () => repo.overdueTasks(today),
    reportLate: () => repo.lateReports(today),
    reportDue: () => repo.dueReports(today),
  };
  const groups = [];
  for (const kind of inboxKindsFor(user.role)) groups.push({ kind, ...(await read[kind]()) });
  return { today, total: groups.reduce((sum, g) => sum + g.count, 0), groups };
}
