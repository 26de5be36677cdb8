import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterRule } from '@mpm/contracts';
import type { Language } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useRulesData } from '../../../state/admin-rules-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { OutcomeBadge } from '../../plan/OutcomeBadge.tsx';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { AddScale } from './AddScale.tsx';
import { RuleForm } from './RuleForm.tsx';
import { RulesHistory } from './RulesHistory.tsx';
import { VersionStamp } from './VersionStamp.tsx';
import './rules.css';

/**
 * 规则: the county's ruleset, rule by rule (its outcome, tolerance and legal basis in force),
 * each editable by an admin into the next version; below, every version with who saved it, when,
 * why and what it changed. Checks follow the version in force, in the browser and on the server.
 */
export function RulesView() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const register = useRulesData((s) => s.register);
  const loadRules = useRulesData((s) => s.load);
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    void loadRules(language);
  }, [loadRules, language]);

  const data = register.data;
  return (
    <div className="admin-rules">
      <section className="plan-section" aria-labelledby="rules-title">
        <h3 id="rules-title">{t('Ruleset')}</h3>
        <ProblemNotice problem={register.problem} onRetry={() => void loadRules(language)} />
        {data && (
          <>
            <p className="plan-note">{data.title[lang]}</p>
            <p className="plan-note rules-version" aria-live="polite">
              <VersionStamp stamp={data} />
            </p>
            <ul className="settings-layer-list" aria-label={t('Rules')}>
              {data.rules.map((rule) => (
                <RuleItem
                  key={`${rule.id}:${data.version}`}
                  rule={rule}
                  lang={lang}
                  editing={editing === rule.id}
                  onEdit={() => setEditing(editing === rule.id ? null : rule.id)}
                  onClose={() => setEditing(null)}
                />
              ))}
            </ul>
            <AddScale rules={data.rules} lang={lang} />
          </>
        )}
      </section>
      <RulesHistory />
    </div>
  );
}

/** One rule: title, outcome, tolerance and legal basis, the editor when open, and its last save's outcome. */
function RuleItem({ rule, lang, editing, onEdit, onClose }: { rule: RegisterRule; lang: Language; editing: boolean; onEdit(): void; onClose(): void }) {
  const { t } = useTranslation();
  const save = useRulesData((s) => (s.save?.ruleId === rule.id ? s.save : null));
  return (
    <li className="settings-layer rule-item" aria-label={rule.title[lang]} data-rule-id={rule.id} data-outcome={rule.outcome}>
      <div className="admin-user-head">
        <strong>{rule.title[lang]}</strong>
        <OutcomeBadge outcome={rule.outcome} lang={lang} />
        {rule.toleranceM2 !== undefined && <span className="admin-muted">{t('Tolerance {{value}} m²', { value: rule.toleranceM2 })}</span>}
        {rule.min10ktPerYear !== undefined && (
          <span className="admin-muted rule-scale">{t('At least {{value}} (10 kt a year)', { value: rule.min10ktPerYear })}</span>
        )}
        <button type="button" className="link-button" aria-expanded={editing} onClick={onEdit}>
          {t('Edit')}
        </button>
      </div>
      <p className="rule-basis">{rule.legalBasis[lang]}</p>
      {editing && <RuleForm rule={rule} lang={lang} onClose={onClose} />}
      {save?.status === 'done' && (
        <p className="admin-ok" role="status">
          {t('Saved.')}
        </p>
      )}
      {save?.status === 'problem' && <ProblemNotice problem={save.problem} sentence={(message) => t('Not saved: {{message}}', { message })} />}
    </li>
  );
}

