import { proposalStepRefusal, reportKey, reportingCalendar, taskOverdue, type ProposalActor, type ReportDue } from '@mpm/domain';
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
export function createInboxRepository(repos: Pick<Repositories, 'inspection' | 'ledger' | 'proposals' | 'campaigns'>) {
  /** Each campaign's reports late and due on `today` (the calendar's own rule), by due day. */
  async function reports(today: string, which: 'late' | 'due'): Promise<InboxGroupRows> {
    const [campaigns, sent] = [await repos.campaigns.campaigns(), await repos.campaigns.reports()];
    const items = campaigns
      .flatMap((c) => {
        const submitted = new Set(sent.filter((r) => r.campaignId === c.id).map(reportKey));
        return reportingCalendar(c.rule, today, submitted)[which].map((due: ReportDue) => ({ campaign: c, due }));
      })
      .sort((a, b) => a.due.dueOn.localeCompare(b.due.dueOn) || a.campaign.id - b.campaign.id);
    return {
      count: items.length,
      items: items.slice(0, INBOX_ITEM_LIMIT).map(({ campaign, due }) => ({
        id: campaign.id,
        label: campaign.name,
        date: due.dueOn,
        report: { kind: due.kind, period: due.period },
        target: { mode: 'inspect', record: 'campaign', id: campaign.id },
      })),
    };
  }

  return {
    /** Campaign tasks past their 完成时限 on `today` and not done, longest overdue first. */
    async overdueTasks(today: string): Promise<InboxGroupRows> {
      const [campaigns, phases, tasks] = [await repos.campaigns.campaigns(), await repos.campaigns.phases(), await repos.campaigns.tasks()];
      const overdue = tasks.filter((task) => taskOverdue(task, today)).sort((a, b) => a.deadline!.localeCompare(b.deadline!) || a.id - b.id);
      const campaignOf = (phaseId: number) => campaigns.find((c) => c.id === phases.find((p) => p.id === phaseId)?.campaignId)!;
      return {
        count: overdue.length,
        items: overdue.slice(0, INBOX_ITEM_LIMIT).map((task) => ({
          id: task.id,
          label: task.title,
          detail: `${campaignOf(task.phaseId).name} · ${task.responsibleUnits[0]}`,
          date: task.deadline!,
          target: { mode: 'inspect', record: 'campaign', id: campaignOf(task.phaseId).id },
        })),
      };
    },

    /** Campaign reports past their day and not sent, oldest first. */
    lateReports: (today: string) => reports(today, 'late'),

    /** Campaign reports due within the calendar's window, soonest first. */
    dueReports: (today: string) => reports(today, 'due'),

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
