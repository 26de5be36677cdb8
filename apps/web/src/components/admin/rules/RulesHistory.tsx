import { useTranslation } from 'react-i18next';
import type { RuleSettingChange } from '@mpm/contracts';
import { OUTCOMES, term, type Language, type Outcome } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useRulesData } from '../../../state/admin-rules-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { VersionStamp } from './VersionStamp.tsx';

/** Each changed field's label, the key of its translation. */
const FIELD_LABELS: Record<RuleSettingChange['field'], string> = {
  outcome: 'Outcome',
  toleranceM2: 'Tolerance (m²)',
  min10ktPerYear: 'Minimum scale (10 kt a year)',
  legalBasis: 'Legal basis, now:',
};

/** A value before or after, as people read it: an outcome by its term, a legal basis in the UI language. */
function valueText(value: RuleSettingChange['before'], lang: Language, none: string): string {
  if (value === null) return none;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return (OUTCOMES as readonly string[]).includes(value) ? term(value as Outcome, lang) : value;
  return value[lang];
}

/** 版本记录: every version of the register, newest first, each with who, when, why and what it changed. */
export function RulesHistory() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const history = useRulesData((s) => s.history);
  const loadRules = useRulesData((s) => s.load);
  return (
    <section className="plan-section" aria-labelledby="rules-history-title">
      <h3 id="rules-history-title">{t('Ruleset versions')}</h3>
      <ProblemNotice problem={history.problem} onRetry={() => void loadRules(language)} />
      <ol className="settings-layer-list rules-history" aria-label={t('Ruleset versions')}>
        {history.data?.versions.map((version) => (
          <li key={version.version} className="settings-layer" aria-label={t('Version {{version}}', { version: version.version })}>
            <p className="rules-version">
              <VersionStamp stamp={version} />
            </p>
            {version.changes.length === 0 ? (
              <p className="admin-muted">{t('Where the history starts.')}</p>
            ) : (
              <ul className="rules-changes">
                {version.changes.map((change) => (
                  <li key={`${change.id}:${change.field}`}>
                    <strong>{change.title[lang]}</strong> {t(FIELD_LABELS[change.field])}
                    {change.field === 'legalBasis' ? (
                      <span className="rule-basis">{valueText(change.after, lang, '—')}</span>
                    ) : (
                      <>
                        {' '}
                        {valueText(change.before, lang, '—')} → {valueText(change.after, lang, '—')}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
