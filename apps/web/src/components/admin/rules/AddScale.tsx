import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterRule } from '@mpm/contracts';
import { MINERALS, term, type Language, type Mineral } from '@mpm/domain';
import { minimumScaleRuleId, minimumScaleTitle } from '@mpm/rules';
import { RuleForm } from './RuleForm.tsx';

/**
 * 新增矿种最低开采规模: a mineral the minimum-scale table lacks, chosen from a list, then its figure
 * (万吨/年), outcome and legal basis in the rule editor; saved as the next version of the register.
 * The figure is the bureau's, from the document it names: nothing is filled in for it.
 */
export function AddScale({ rules, lang }: { rules: readonly RegisterRule[]; lang: Language }) {
  const { t } = useTranslation();
  const [mineral, setMineral] = useState<Mineral | ''>('');
  const free = MINERALS.filter((m) => !rules.some((rule) => rule.id === minimumScaleRuleId(m)));
  if (free.length === 0) return null;
  const rule: RegisterRule | null = mineral
    ? { id: minimumScaleRuleId(mineral), title: minimumScaleTitle(mineral), outcome: 'forbidden', min10ktPerYear: 0, legalBasis: { zh: '', en: '' } }
    : null;
  return (
    <div className="settings-layer rule-add" aria-label={t('Add a mineral’s minimum mining scale')}>
      <label>
        <span>{t('Add a mineral’s minimum mining scale')}</span>
        <select name="scale-mineral" value={mineral} onChange={(event) => setMineral(event.target.value as Mineral | '')}>
          <option value="">{t('Choose a mineral…')}</option>
          {free.map((m) => (
            <option key={m} value={m}>
              {term(m, lang)}
            </option>
          ))}
        </select>
      </label>
      {rule && <RuleForm key={rule.id} rule={rule} lang={lang} adding onClose={() => setMineral('')} />}
    </div>
  );
}
