import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SweepFinding, SweepLatestResponse } from '@mpm/contracts';
import { SWEEP_PROBLEMS, term, type Language, type SweepProblem } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useInspectSession } from '../../../state/inspect-session.ts';
import { useLedger } from '../../../state/ledger-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { useSweep } from '../../../state/sweep-store.ts';
import { chinaTime } from '../../data/china-time.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import './sweep.css';

/**
 * 存量矿山排查: the last run (when, by whom or by the schedule, how many rights), a run on demand,
 * then its table by mine and problem, each with what was found and its legal basis from the seed
 * documents; a row becomes a ledger lead in one click and then names the lead (once per right and
 * problem: the server refuses a second).
 */
export function SweepView() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const latest = useSweep((s) => s.latest);
  const load = useSweep((s) => s.load);

  useEffect(() => {
    void load(language);
  }, [language, load]);

  return (
    <div className="sweep-view">
      {latest.status === 'loading' && !latest.data && (
        <p className="plan-note" role="status">
          {t('Loading the sweep…')}
        </p>
      )}
      <ProblemNotice problem={latest.problem} onRetry={() => void load(language)} />
      {latest.data && <RunSummary latest={latest.data} />}
      {latest.data?.run && <FindingsTable findings={latest.data.run.findings} />}
    </div>
  );
}

function RunSummary({ latest }: { latest: SweepLatestResponse }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const running = useSweep((s) => s.running);
  const runProblem = useSweep((s) => s.runProblem);
  const run = useSweep((s) => s.run);
  const last = latest.run;

  return (
    <section className="plan-section sweep-summary" aria-labelledby={id}>
      <h3 id={id}>{term('sweep', lang)}</h3>
      {last ? (
        <dl className="sweep-last" data-run-id={last.id}>
          <dt>{t('Last run')}</dt>
          <dd className="sweep-last-when">
            {chinaTime(last.ranAt, language)} · {last.trigger === 'scheduled' ? term('sweepScheduled', lang) : `${term('sweepManual', lang)} · ${last.ranBy ?? '—'}`}
          </dd>
          <dt>{t('Result')}</dt>
          <dd className="sweep-last-counts">
            {t('{{rights}} rights swept as of {{day}}, {{problems}} problems (ruleset version {{version}})', {
              rights: last.rightsSwept,
              day: last.asOf,
              problems: last.findings.length,
              version: last.rulesetVersion,
            })}
          </dd>
        </dl>
      ) : (
        <p className="plan-note">{t('The sweep has not run yet.')}</p>
      )}
      <p className="plan-note sweep-schedule">
        {latest.intervalDays === 0
          ? t('The scheduled sweep is off; it runs only by hand.')
          : latest.nextDueAt
            ? t('Runs by itself every {{days}} days; next on {{when}}.', { days: latest.intervalDays, when: chinaTime(latest.nextDueAt, language) })
            : t('Runs by itself every {{days}} days.', { days: latest.intervalDays })}
      </p>
      <button type="button" className="primary-button" disabled={running} onClick={() => void run(language)}>
        {running ? t('Sweeping every right…') : t('Run the sweep now')}
      </button>
      <ProblemNotice problem={runProblem} sentence={(message) => t('The sweep did not run: {{message}}', { message })} />
    </section>
  );
}

function FindingsTable({ findings }: { findings: SweepFinding[] }) {
  const { t } = useTranslation();
  const id = useId();
  const lang = domainLanguage(useSession((s) => s.language));
  const filter = useSweep((s) => s.problemFilter);
  const setFilter = useSweep((s) => s.setProblemFilter);
  const counts = new Map<SweepProblem, number>();
  for (const f of findings) counts.set(f.problem, (counts.get(f.problem) ?? 0) + 1);
  const shown = findings.filter((f) => filter === null || f.problem === filter);
  const byMine = groupByMine(shown);

  if (findings.length === 0) return <p className="plan-note">{t('No problem found in any right.')}</p>;
  return (
    <section className="plan-section" aria-labelledby={id}>
      <h3 id={id}>{t('Problems by mine ({{shown}} of {{total}})', { shown: shown.length, total: findings.length })}</h3>
      <div className="inline-field sweep-filter">
        <label htmlFor={`${id}-problem`}>{t('Problem')}</label>
        <select id={`${id}-problem`} value={filter ?? ''} onChange={(event) => setFilter((event.target.value || null) as SweepProblem | null)}>
          <option value="">{t('All')}</option>
          {SWEEP_PROBLEMS.filter((p) => counts.has(p)).map((p) => (
            <option key={p} value={p}>
              {term(p, lang)} ({counts.get(p)})
            </option>
          ))}
        </select>
      </div>
      <table className="patch-table sweep-table">
        <thead>
          <tr>
            <th scope="col" className="sweep-mine-col">
              {t('Mine')}
            </th>
            <th scope="col">{t('Problem and legal basis')}</th>
            <th scope="col" className="sweep-lead-col">
              {term('ledger', lang)}
            </th>
          </tr>
        </thead>
        <tbody>
          {byMine.map((rows) =>
            rows.map((finding, index) => (
              <tr key={finding.id} data-finding-id={finding.id} data-problem={finding.problem} data-licence={finding.licenceNo}>
                {index === 0 && (
                  <th scope="rowgroup" rowSpan={rows.length} className="sweep-mine">
                    <span className="patch-code">{finding.mineName ?? finding.licenceNo}</span>
                    <span className="patch-meta">{finding.licenceNo}</span>
                    <span className="patch-meta">{[finding.holder, finding.township?.name].filter(Boolean).join(' · ')}</span>
                  </th>
                )}
                <td>
                  <strong className="sweep-problem">{term(finding.problem, lang)}</strong>
                  <span className="patch-meta sweep-detail">{pick(finding.detail, lang)}</span>
                  <span className="patch-meta sweep-basis">
                    {t('Basis:')} {pick(finding.legalBasis, lang)}
                  </span>
                </td>
                <td>
                  <LeadCell finding={finding} />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

const pick = (text: { zh: string; en: string }, lang: Language) => (lang === 'en' ? text.en : text.zh);

/** The rows in table order, cut where the right changes (the server sorts them by mine). */
function groupByMine(findings: SweepFinding[]): SweepFinding[][] {
  const groups: SweepFinding[][] = [];
  for (const finding of findings) {
    const last = groups.at(-1);
    if (last && last[0].collection === finding.collection && last[0].rightId === finding.rightId) last.push(finding);
    else groups.push([finding]);
  }
  return groups;
}

/** 转为线索, or the lead it became (opens it in the ledger); a refusal shows under it. */
function LeadCell({ finding }: { finding: SweepFinding }) {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const action = useSweep((s) => s.leads[finding.id]);
  const makeLead = useSweep((s) => s.makeLead);
  const setTab = useInspectSession((s) => s.setTab);
  const openEntry = useLedger((s) => s.openEntry);

  const notice = action?.status === 'problem' && action.problem && (
    <p className={action.exists ? 'plan-note sweep-lead-exists' : 'form-error'} role={action.exists ? 'status' : 'alert'}>
      {action.problem.message}
    </p>
  );
  if (finding.leadId !== null) {
    const leadId = finding.leadId;
    return (
      <>
        <button
          type="button"
          className="link-button sweep-lead"
          onClick={() => {
            setTab('ledger');
            void openEntry(leadId, language);
          }}
        >
          {t('Entry #{{id}}', { id: leadId })}
        </button>
        {notice}
      </>
    );
  }
  return (
    <>
      <button type="button" className="secondary-button lead-button" disabled={action?.status === 'pending'} onClick={() => void makeLead(finding.id, language)}>
        {t('Make a lead')}
      </button>
      {notice}
    </>
  );
}
