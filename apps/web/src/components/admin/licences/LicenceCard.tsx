import { useTranslation } from 'react-i18next';
import type { LicenceEventView } from '@mpm/contracts';
import { GLOSSARY, LICENCE_EVENT_TERMS, formatValue, getLayer, m2ToMu, term, type FieldDef, type Language, type RightCollection, type TermKey } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useLicencesData } from '../../../state/licences-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { LicenceActForm } from './LicenceActForm.tsx';
import { LicenceOutputs } from './LicenceOutputs.tsx';

/** The register's fields the card lists: all it stores but the number (its title) and computed ones. */
const shownFields = (collection: RightCollection): FieldDef[] => getLayer(collection).fields.filter((f) => !f.computed && f.key !== 'licenceNo' && f.key !== 'mineName');

/** A stored value as a person reads it (a dash for none). */
const valueText = (field: FieldDef | undefined, value: unknown, lang: Language): string =>
  (field ? formatValue(field, value, lang) : value === null || value === undefined ? '' : String(value)) || '—';

/** What an event changed, as one line: `有效期至 2025-03-01 → 2030-03-01；范围 第 1 版 → 第 2 版`. */
function changeLine(event: LicenceEventView, collection: RightCollection, lang: Language, boundary: (from: unknown, to: unknown) => string): string {
  const fields = getLayer(collection).fields;
  return event.changes
    .map((c) => {
      if (c.field === 'geometry') return boundary(c.before, c.after);
      const field = fields.find((f) => f.key === c.field);
      const name = c.field in GLOSSARY ? term(c.field as TermKey, lang) : c.field;
      return `${name} ${valueText(field, c.before, lang)} → ${valueText(field, c.after, lang)}`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

/** One right as the register keeps it: its fields, its state, its life as events, and the next act. */
export function LicenceCard() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const { detail, close } = useLicencesData();
  const right = detail.data;
  if (!right) return <ProblemNotice problem={detail.problem} />;
  const p = right.properties;
  const boundary = (from: unknown, to: unknown) => t('boundary version {{from}} → {{to}}', { from, to });
  return (
    <section className="plan-section licence-card" aria-label={t('Right {{licenceNo}}', { licenceNo: String(p.licenceNo) })}>
      <div className="admin-list-head">
        <h3>
          {String(p.licenceNo)} <span className={`licence-state state-${right.state}`}>{term(right.state, lang)}</span>
        </h3>
        <button type="button" className="link-button" onClick={close}>
          {t('Close')}
        </button>
      </div>
      {typeof p.mineName === 'string' && <p className="licence-mine">{p.mineName}</p>}
      <dl className="licence-fields">
        {shownFields(right.collection).map((field) => (
          <div key={field.key}>
            <dt>{term(field.key, lang)}</dt>
            <dd>{valueText(field, p[field.key], lang)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('Area')}</dt>
          <dd>
            {m2ToMu(right.areaM2).toFixed(2)} {term('unitMu', lang)}
          </dd>
        </div>
        <div>
          <dt>{t('Version')}</dt>
          <dd>{right.version}</dd>
        </div>
      </dl>
      {right.collection === 'mining_rights' && <LicenceOutputs rightId={right.id} />}
      <h4>{t('Licence history')}</h4>
      <ol className="licence-events" aria-label={t('Licence history')}>
        {[...right.events].reverse().map((event) => (
          <li key={event.id}>
            <strong>{term(LICENCE_EVENT_TERMS[event.kind], lang)}</strong> {event.effectiveOn}
            {event.documentNo && <> · {event.documentNo}</>}
            <span className="admin-muted">
              {' '}
              · {event.recordedBy ?? t('system')}
            </span>
            {event.changes.length > 0 && event.kind !== 'registered' && event.kind !== 'imported' && <div className="licence-change">{changeLine(event, right.collection, lang, boundary)}</div>}
            {event.note && <div className="admin-muted">{event.note}</div>}
          </li>
        ))}
      </ol>
      <LicenceActForm />
    </section>
  );
}
