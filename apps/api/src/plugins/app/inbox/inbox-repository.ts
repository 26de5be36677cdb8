import { proposalStepRefusal, type ProposalActor } from '@mpm/domain';
import { INBOX_ITEM_LIMIT, type InboxItem } from '@mpm/contracts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';

/** Items of one kind: how many there are and the first {@link INBOX_ITEM_LIMIT}. */
export interface InboxGroupRows {
  count: number;
  items: InboxItem[];
}

/** Most proposals waiting that are read, to leave out those the user may not decide. */
const WAITING_SCAN = 1000;

/**
 * The staff inbox's reads. No SQL of its own: each kind is what its feature already calls it —
 * the licence register's `expiringSoon` state (`licenceStateSql`), the ledger's `overdue` filter,
 * a tip-off still 待核查 (`pending`), a proposal in `submitted`.
 */
export function createInboxRepository(repos: Pick<Repositories, 'inspection' | 'ledger' | 'proposals'>) {
  return {
    /** Licences whose state on `today` is 即将到期 (ending within the inspection settings' window), soonest first. */
    async expiringLicences(today: string): Promise<InboxGroupRows> {
      const { expiringWithinDays } = await repos.inspection.settings.get();
      const rights = await repos.inspection.rights.register({ day: today, expiringWithinDays, filter: { state: 'expiringSoon' } });
      return {
        count: rights.length,
        items: rights.slice(0, INBOX_ITEM_LIMIT).map((r) => ({
          id: r.featureId,
          label: r.mineName ?? r.licenceNo,
          detail: `${r.licenceNo} · ${r.holder}`,
          date: r.validTo,
          target: { mode: 'inspect', record: 'licence', id: r.featureId, collection: r.collection, bbox: r.bbox },
        })),
      };
    },

    /** Ledger entries past their deadline on `today` and not closed, longest overdue first. */
    async overdueEntries(today: string): Promise<InboxGroupRows> {
      const { total, rows } = await repos.ledger.list({ overdue: true }, today, INBOX_ITEM_LIMIT, 0);
      return {
        count: total,
        items: rows
          .map((e) => ({
            id: e.id,
            label: e.title,
            ...(e.responsibleUnit && { detail: e.responsibleUnit }),
            date: e.deadline ?? today,
            target: { mode: 'inspect' as const, record: 'ledgerEntry' as const, id: e.id },
          }))
          .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id),
      };
    },

    /** Tip-offs (群众举报) nobody has taken up yet (待核查), newest first. */
    async newTipOffs(today: string): Promise<InboxGroupRows> {
      const { total, rows } = await repos.ledger.list({ source: 'tipOff', status: 'pending' }, today, INBOX_ITEM_LIMIT, 0);
      return {
        count: total,
        items: rows.map((e) => ({
          id: e.id,
          label: e.title,
          ...(e.townshipName && { detail: e.townshipName }),
          date: chinaToday(new Date(e.createdAt)),
          target: { mode: 'inspect', record: 'ledgerEntry', id: e.id },
        })),
      };
    },

    /**
     * Proposals submitted and waiting for 同意 / 退回 that `actor` may decide (the workflow's own
     * rule: a reviewer not on the ones they created or submitted), most recently changed first.
     */
    async waitingProposals(actor: ProposalActor): Promise<InboxGroupRows> {
      const { rows } = await repos.proposals.list({ statuses: ['submitted'] }, WAITING_SCAN, 0);
      const decidable = rows.filter((p) => proposalStepRefusal('approve', p, actor) === null);
      return {
        count: decidable.length,
        items: decidable.slice(0, INBOX_ITEM_LIMIT).map((p) => ({
          id: p.id,
          label: p.name,
          detail: p.ownerName,
          date: chinaToday(new Date(p.changedAt)),
          target: { mode: 'plan', record: 'proposal', id: p.id },
        })),
      };
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
