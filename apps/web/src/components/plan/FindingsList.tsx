import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import type { Finding } from '@mpm/rules';
import { OUTCOME_COLORS } from '../../map/plan-overlay.ts';
import { formatArea, formatMetres, formatNumber } from '../../plan/format.ts';
import { planTerm } from '../../plan/plan-terms.ts';
import type { AreaUnit } from '../../state/session-store.ts';
import { OutcomeBadge } from './OutcomeBadge.tsx';

interface FindingsListProps {
  findings: readonly Finding[];
  lang: Language;
  unit: AreaUnit;
}

/** The findings, worst first: outcome, rule, the zone concerned, by how much, and on what basis. */
export function FindingsList({ findings, lang, unit }: FindingsListProps) {
  if (findings.length === 0) return null;
  return (
    <ul className="findings">
      {findings.map((finding, i) => (
        <FindingCard key={`${finding.ruleId}/${finding.collection ?? ''}/${finding.featureId ?? i}`} finding={finding} lang={lang} unit={unit} />
      ))}
    </ul>
  );
}

function FindingCard({ finding: f, lang, unit }: { finding: Finding; lang: Language; unit: AreaUnit }) {
  const { t } = useTranslation();
  const zone = f.collection ? [term(f.collection, lang), f.featureName].filter(Boolean).join(lang === 'zh' ? '：' : ': ') : null;
  return (
    <li className="finding" data-outcome={f.outcome} data-rule-id={f.ruleId} style={{ borderLeftColor: OUTCOME_COLORS[f.outcome] }}>
      <div className="finding-head">
        <OutcomeBadge outcome={f.outcome} lang={lang} />
        <h4 className="finding-title">{planTerm(f.title, lang)}</h4>
        {f.possibleBoundaryOffset && <span className="offset-tag">{term('possibleBoundaryOffset', lang)}</span>}
      </div>
      {zone && <p className="finding-zone">{zone}</p>}
      {f.overlapAreaM2 !== undefined && (
        <p className="finding-figure">
          {/* An area finding without a zone is the part of the block outside every zone it must lie in. */}
          {t(f.collection ? 'Overlap: {{area}} ({{percent}}% of the block)' : 'Outside: {{area}} ({{percent}}% of the block)', {
            area: formatArea(f.overlapAreaM2, unit, lang),
            percent: formatNumber(f.overlapPercent ?? 0, lang, 2),
          })}
        </p>
      )}
      {f.distanceM !== undefined && (
        <p className="finding-figure">
          {t('Distance: {{distance}}; required at least {{required}}', {
            distance: formatMetres(f.distanceM, lang),
            required: formatMetres(f.requiredDistanceM ?? 0, lang),
          })}
        </p>
      )}
      <p className="finding-message">{planTerm(f.message, lang)}</p>
      <p className="finding-basis">
        <span className="finding-basis-label">{t('Legal basis')}</span> {planTerm(f.legalBasis, lang)}
      </p>
    </li>
  );
}
