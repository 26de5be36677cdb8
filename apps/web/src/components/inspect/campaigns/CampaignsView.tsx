import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '@mpm/contracts';
import { term } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useCampaigns } from '../../../state/campaigns-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice, problemText } from '../../ProblemNotice.tsx';
import { ReportingCalendar } from './ReportingCalendar.tsx';
import { TaskItem } from './TaskItem.tsx';

/**
 * 专项行动: the reporting calendar for a day (what is due, what is late, a report recorded as
 * sent), then each campaign with its phases and tasks (责任单位, 完成时限, status, evidence).
 */
export function CampaignsView() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const campaigns = useCampaigns((s) => s.campaigns);
  const problem = useCampaigns((s) => s.problem);
  const load = useCampaigns((s) => s.load);
  const loadCalendar = useCampaigns((s) => s.loadCalendar);

  useEffect(() => {
    void load(language).then(() => loadCalendar(useCampaigns.getState().calendarDate, language));
  }, [language, load, loadCalendar]);

  return (
    <div className="campaigns-view">
      {campaigns.status === 'loading' && !campaigns.data && (
        <p className="plan-note" role="status">
          {t('Loading the campaigns…')}
        </p>
      )}
      <ProblemNotice problem={campaigns.problem} onRetry={() => void load(language)} />
      {problem && (
        <p className="form-error" role="alert">
          {problemText(problem, t)}
        </p>
      )}
      <ReportingCalendar />
      {campaigns.data?.campaigns.map((campaign) => <CampaignSection key={campaign.id} campaign={campaign} />)}
    </div>
  );
}

function CampaignSection({ campaign }: { campaign: CampaignView }) {
  const id = useId();
  const lang = domainLanguage(useSession((s) => s.language));
  return (
    <section className="plan-section campaign" aria-labelledby={id} data-campaign={campaign.code}>
      <h4 id={id}>{campaign.name}</h4>
      <p className="plan-note">
        {campaign.startsOn} – {campaign.endsOn} · {campaign.source}
      </p>
      {campaign.note && <p className="plan-note campaign-note">{campaign.note}</p>}
      {campaign.phases.map((phase) => (
        <div key={phase.id} className="campaign-phase">
          <h5>
            {phase.name} · {phase.startsOn} – {phase.endsOn}
            {phase.sourceText && <span className="plan-note"> （{phase.sourceText}）</span>}
          </h5>
          {phase.tasks.length === 0 ? (
            <p className="plan-note">—</p>
          ) : (
            <ol className="campaign-tasks" aria-label={`${phase.name} ${term('campaignTask', lang)}`}>
              {phase.tasks.map((task) => (
                <TaskItem key={`${task.id}/${task.revision}`} task={task} />
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}
