import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_EXPIRING_WITHIN_DAYS, type RightView } from '@mpm/contracts';
import { term, type Language } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useInspectSession } from '../../../state/inspect-session.ts';
import { useInspectData } from '../../../state/inspect-store.ts';
import { toProblem } from '../../../state/resource.ts';
import { useServerData } from '../../../state/server-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { daysLeftText, LicenceStateBadge } from '../terms.tsx';

/**
 * The licence register (矿业权台账): rights expiring within N days, rights already expired, and
 * every right with its standing; a click shows the right on the map.
 */
export function RightsRegister() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const rights = useInspectData((s) => s.rights);
  const loadRights = useInspectData((s) => s.loadRights);
  const loadSettings = useInspectData((s) => s.loadSettings);

  useEffect(() => {
    if (useInspectData.getState().rights.status === 'idle') {
      void loadRights(useSession.getState().language);
      void loadSettings(useSession.getState().language);
    }
  }, [loadRights, loadSettings]);

  const list = rights.data?.rights ?? [];
  const expiring = list.filter((r) => r.state === 'expiringSoon').sort((a, b) => a.daysLeft - b.daysLeft);
  const expired = list.filter((r) => r.state === 'expired').sort((a, b) => b.daysLeft - a.daysLeft);

  return (
    <>
      <section className="plan-section" aria-labelledby="rights-days-title">
        <h3 id="rights-days-title">{t('Expiry reminder')}</h3>
        {rights.data && <DaysForm key={rights.data.expiringWithinDays} days={rights.data.expiringWithinDays} />}
        {rights.status === 'loading' && (
          <p className="plan-note" role="status">
            {t('Loading the register…')}
          </p>
        )}
        <ProblemNotice
          problem={rights.problem}
          sentence={(message) => t('Could not load the register: {{message}}', { message })}
          onRetry={() => void loadRights(language)}
        />
      </section>
      {rights.data && (
        <>
          <RightsList
            id="rights-expiring"
            title={t('Expiring within {{days}} days', { days: rights.data.expiringWithinDays })}
            empty={t('No licence expires within this time.')}
            rights={expiring}
            lang={lang}
          />
          <RightsList id="rights-expired" title={t('Expired')} empty={t('No licence has expired.')} rights={expired} lang={lang} />
          <RightsList id="rights-all" title={t('All rights ({{count}})', { count: list.length })} empty={t('No rights.')} rights={list} lang={lang} />
        </>
      )}
    </>
  );
}

/** N, the days of warning: for this view, and (admins) as the county's default. */
function DaysForm({ days }: { days: number }) {
  const { t } = useTranslation();
  const id = useId();
  const language = useSession((s) => s.language);
  const isAdmin = useServerData((s) => s.user?.role === 'admin');
  const settings = useInspectData((s) => s.settings);
  const loadRights = useInspectData((s) => s.loadRights);
  const saveSettings = useInspectData((s) => s.saveSettings);
  const [text, setText] = useState(String(days));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const value = Number(text.trim());
  const valid = text.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= MAX_EXPIRING_WITHIN_DAYS;

  function apply(event: FormEvent) {
    event.preventDefault();
    if (valid) void loadRights(language, value);
  }

  async function save() {
    setProblem(null);
    setSaved(false);
    try {
      await saveSettings({ expiringWithinDays: value }, language);
      setSaved(true);
    } catch (err) {
      setProblem(toProblem(err).message);
    }
  }

  return (
    <form className="days-form" onSubmit={apply}>
      <label htmlFor={`${id}-days`}>{t('Remind of licences expiring within (days)')}</label>
      <div className="action-row">
        <input
          id={`${id}-days`}
          className="days-input"
          inputMode="numeric"
          value={text}
          aria-invalid={!valid}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
        />
        <button type="submit" className="secondary-button" disabled={!valid}>
          {t('Apply')}
        </button>
        {isAdmin && (
          <button type="button" className="secondary-button" disabled={!valid || settings?.expiringWithinDays === value} onClick={() => void save()}>
            {t('Make it the county default')}
          </button>
        )}
      </div>
      {!valid && (
        <p className="form-error" role="alert">
          {t('Give a whole number of days from 0 to {{max}}.', { max: MAX_EXPIRING_WITHIN_DAYS })}
        </p>
      )}
      {settings && <p className="plan-note">{t('County default: {{days}} days.', { days: settings.expiringWithinDays })}</p>}
      {saved && (
        <p className="plan-note" role="status">
          {t('Saved as the county default.')}
        </p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

interface ListProps {
  id: string;
  title: string;
  empty: string;
  rights: readonly RightView[];
  lang: Language;
}

/** A list of rights; each a button that shows the right on the map. */
function RightsList({ id, title, empty, rights, lang }: ListProps) {
  const { t } = useTranslation();
  const highlighted = useInspectSession((s) => s.highlighted);
  const highlightRight = useInspectSession((s) => s.highlightRight);
  return (
    <section className="plan-section rights-section" id={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {rights.length === 0 ? (
        <p className="plan-note">{empty}</p>
      ) : (
        <ul className="rights-list">
          {rights.map((right) => {
            const current = highlighted?.collection === right.collection && highlighted.featureId === right.featureId;
            return (
              <li key={`${right.collection}/${right.featureId}`}>
                <button
                  type="button"
                  className="right-row"
                  data-licence={right.licenceNo}
                  data-state={right.state}
                  aria-pressed={current}
                  onClick={() => highlightRight({ collection: right.collection, featureId: right.featureId, bbox: right.bbox })}
                >
                  <span className="right-row-head">
                    <span className="right-licence">{right.licenceNo}</span>
                    <LicenceStateBadge state={right.state} lang={lang} />
                  </span>
                  <span className="right-row-body">
                    {[right.mineName, right.holder].filter(Boolean).join(' · ')} · {term(right.mineral, lang)} · {term(right.collection, lang)}
                  </span>
                  <span className="right-row-dates">
                    {term('validTo', lang)} {right.validTo} ·{' '}
                    {daysLeftText(right.daysLeft, t)}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
