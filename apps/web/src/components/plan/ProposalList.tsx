import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import { formatAreaIn } from '../../plan/format.ts';
import { useProposalSession } from '../../state/proposals-session.ts';
import { useProposalData } from '../../state/proposals-store.ts';
import { useSession } from '../../state/session-store.ts';
import { CornerListExport } from '../CornerListExport.tsx';
import { ProblemNotice } from '../ProblemNotice.tsx';
import { DiscardConfirm } from './DiscardConfirm.tsx';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { ProposalFilters } from './ProposalFilters.tsx';
import { ProposalStatusBadge } from './ProposalStatusBadge.tsx';
import { chinaTime } from '../data/china-time.ts';

/**
 * The saved proposals, latest change first, as filtered: name, workflow status, mineral, area,
 * worst outcome, who saved last and when. Click to open.
 */
export function ProposalList({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const { status, data, problem } = useProposalData((s) => s.list);
  const list = data?.proposals ?? null;
  const openId = useProposalSession((s) => s.open?.id ?? null);
  const opening = useProposalSession((s) => s.opening);
  const loadList = useProposalData((s) => s.loadList);
  const request = useProposalSession((s) => s.request);
  const filtered = useProposalData((s) => Object.values(s.filter).some((value) => value !== undefined));

  useEffect(() => {
    void loadList(useSession.getState().language);
  }, [loadList]);

  return (
    <details className="plan-section proposal-list" open>
      <summary>
        <h3 id="proposal-list-title">{t('Saved proposals')}</h3>
        {data && <span className="plan-note">{t('{{total}} in all', { total: data.total })}</span>}
      </summary>
      <div className="proposal-list-actions">
        <button type="button" className="link-button" onClick={() => void loadList(language)}>
          {t('Refresh')}
        </button>
      </div>
      <ProposalFilters lang={lang} />
      {status === 'loading' && !data && <p className="plan-note">{t('Loading the saved proposals…')}</p>}
      <ProblemNotice problem={problem} sentence={(message) => t('Could not load the saved proposals: {{message}}', { message })} />
      {list?.length === 0 && <p className="plan-note">{filtered ? t('No proposal matches these filters.') : t('No proposal has been saved yet.')}</p>}
      <DiscardConfirm source="list" />
      {list && list.length > 0 && (
        <ul className="proposal-items" aria-labelledby="proposal-list-title">
          {list.map((p) => (
            <li key={p.id} className="proposal-item" data-proposal-id={p.id} data-status={p.status} aria-current={p.id === openId ? 'true' : undefined}>
              <button
                type="button"
                className="proposal-open"
                disabled={opening?.kind === 'open' && opening.id === p.id}
                onClick={() => request({ kind: 'open', id: p.id, name: p.name }, 'list', language)}
              >
                <span className="proposal-name">{p.name}</span>
                <span className="proposal-version">{t('Version {{version}}', { version: p.currentVersion })}</span>
              </button>
              <span className="proposal-facts">
                <ProposalStatusBadge status={p.status} lang={lang} /> {term(p.mineral, lang)} · {formatAreaIn(p.areaKm2, 'km2', lang)}{' '}
                {p.worstOutcome ? <OutcomeBadge outcome={p.worstOutcome} lang={lang} /> : <span className="no-conflict">{t('No conflict')}</span>}
              </span>
              <span className="proposal-saved">
                {t('Saved by {{name}}, {{time}}', { name: p.updatedBy, time: chinaTime(p.updatedAt, language) })}
              </span>
              <CornerListExport source={{ proposalId: p.id }} lang={lang} />
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
