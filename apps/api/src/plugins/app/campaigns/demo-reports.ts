import type { Knex } from 'knex';
import { reportKey, reportsDue } from '@mpm/domain';
import type { CampaignsRepository } from './campaigns-repository.ts';

/**
 * The reports the demo bureau did not send: each campaign's closing December 2022 monthly report
 * and 2022 annual summary (the campaigns ended on 2022-12-31 and their closing reports were left
 * undone), so the inbox shows a few genuinely late reports, not every report since 2019.
 */
export const DEMO_UNSENT_REPORTS: readonly string[] = ['monthReport:2022-12', 'yearReport:2022'];

/**
 * Records, for the demo county's borrowed campaigns, every report their calendar asked for as a
 * real bureau would have sent it: on its due day, each one due before `today`, but
 * {@link DEMO_UNSENT_REPORTS}. Returns how many were recorded.
 */
export async function recordDemoReports(repo: CampaignsRepository, today: string, trx: Knex): Promise<number> {
  let sent = 0;
  for (const campaign of await repo.campaigns(trx)) {
    for (const due of reportsDue(campaign.rule)) {
      if (due.dueOn >= today || DEMO_UNSENT_REPORTS.includes(reportKey(due))) continue;
      await repo.insertReport({ campaignId: campaign.id, kind: due.kind, period: due.period, submittedOn: due.dueOn, note: '示范数据：按期报送' }, null, trx);
      sent++;
    }
  }
  return sent;
}
