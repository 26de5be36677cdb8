import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarResponse, ReportDueView } from '@mpm/contracts';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useCampaigns } from '../../../state/campaigns-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { reportLabel } from './report-label.ts';

/** Late reports shown at most per campaign before "and N more". */
const LATE_SHOWN = 6;

/**
 * 报送日历: for the day chosen (today by default), each campaign's reports due within the window
 * and those late, most recent first; a report can be recorded as sent on that day.
 */
export function ReportingCalendar() {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const calendar = useCampaigns((s) => s.calendar);
  const loadCalendar = useCampaigns((s) => s.loadCalendar);
  const data = calendar.data;

  return (
    <section className="plan-section reporting-calendar" aria-labelledby={id}>
      <h4 id={id}>{term('reportingCalendar', lang)}</h4>
      <label htmlFor={`${id}-date`}>{t('On the day')}</label>
      <input
        id={`${id}-date`}
        type="date"
        value={data?.date ?? ''}
        onChange={(e) => e.target.value && void loadCalendar(e.target.value, language)}
      />
      {data?.campaigns.map((c) => (
        <CampaignDues key={c.campaignId} campaign={c} date={data.date} windowDays={data.windowDays} />
      ))}
    </section>
  );
}

function CampaignDues({ campaign, date, windowDays }: { campaign: CalendarResponse['campaigns'][number]; date: string; windowDays: number }) {
  const { t } = useTranslation();
  const lang = domainLanguage(useSession((s) => s.language));
  const [showAll, setShowAll] = useState(false);
  const late = [...campaign.late].reverse();
  const shownLate = showAll ? late : late.slice(0, LATE_SHOWN);
  return (
    <div className="calendar-campaign" data-campaign={campaign.code}>
      <h5>{campaign.name}</h5>
      <ul className="calendar-due" aria-label={`${campaign.name} ${term('reportDue', lang)}`}>
        {campaign.due.length === 0 && <li className="plan-note">{t('Nothing due in the next {{count}} days', { count: windowDays })}</li>}
        {campaign.due.map((due) => (
          <DueItem key={`${due.kind}:${due.period}`} campaignId={campaign.campaignId} due={due} date={date} state="reportDue" />
        ))}
      </ul>
      {late.length > 0 && (
        <ul className="calendar-late" aria-label={`${campaign.name} ${term('reportLate', lang)}`}>
          {shownLate.map((due) => (
            <DueItem key={`${due.kind}:${due.period}`} campaignId={campaign.campaignId} due={due} date={date} state="reportLate" />
          ))}
          {late.length > shownLate.length && (
            <li>
              <button type="button" className="link-button" onClick={() => setShowAll(true)}>
                {t('and {{count}} more', { count: late.length - shownLate.length })}
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function DueItem({ campaignId, due, date, state }: { campaignId: number; due: ReportDueView; date: string; state: 'reportDue' | 'reportLate' }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const busy = useCampaigns((s) => s.busy);
  const submitReport = useCampaigns((s) => s.submitReport);
  return (
    <li data-report={`${due.kind}:${due.period}`} data-state={state}>
      <span className="status-badge">{term(state, lang)}</span> {reportLabel(due, lang)} · {due.dueOn}{' '}
      <button type="button" className="link-button" disabled={busy} onClick={() => void submitReport(campaignId, due, date, language)}>
        {t('Sent on this day')}
      </button>
    </li>
  );
}
