import { useTranslation } from 'react-i18next';
import type { ParcelEventView } from '@mpm/contracts';
import { GLOSSARY, PARCEL_EVENT_TERMS, term, type Language, type TermKey } from '@mpm/domain';
import { domainLanguage } from '../../../i18n/languages.ts';
import { useParcelsData } from '../../../state/parcels-store.ts';
import { useSession } from '../../../state/session-store.ts';
import { ProblemNotice } from '../../ProblemNotice.tsx';
import { responsibleText } from '../../public/CampaignProgress.tsx';
import { useCampaign } from '../../public/use-campaign.ts';
import { RetireParcelForm, SplitParcelForm } from './ParcelActions.tsx';
import { EditParcelForm } from './ParcelForms.tsx';
import { chinaTime } from '../../data/china-time.ts';

/** A value as a person reads it: a glossary word where it is one, a dash for none. */
const valueText = (value: unknown, lang: Language): string => {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' && value in GLOSSARY ? term(value as TermKey, lang) : String(value);
};

/** What an event changed, as one line: `名称 甲 → 乙；范围 第 1 版 → 第 2 版`. */
function changeLine(event: ParcelEventView, lang: Language, boundary: (from: unknown, to: unknown) => string): string {
  return event.changes
    .map((c) => (c.field === 'geometry' ? boundary(c.before, c.after) : `${c.field in GLOSSARY ? term(c.field as TermKey, lang) : c.field} ${valueText(c.before, lang)} → ${valueText(c.after, lang)}`))
    .join(lang === 'zh' ? '；' : '; ');
}

/** Today as `YYYY-MM-DD` in the browser's time zone (the campaign view's status day). */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/**
 * Who answers for a current parcel (its mine, or its township when the responsible party is gone)
 * and the 四区 and two lines it lies in or in view of, as the campaign view derives them (seed 001).
 */
function CampaignFields({ parcelId, lang }: { parcelId: number; lang: Language }) {
  const language = useSession((s) => s.language);
  const { data } = useCampaign(today(), language);
  const entry = data?.parcels.find((p) => p.id === parcelId);
  if (!entry) return null;
  const tags = [...entry.fourAreas, ...entry.twoLines].map((c) => term(c, lang));
  return (
    <>
      <div data-testid="parcel-responsible">
        <dt>{term('responsibleParty', lang)}</dt>
        <dd>{responsibleText(entry.responsible, lang)}</dd>
      </div>
      <div data-testid="parcel-four-areas-two-lines">
        <dt>{term('fourAreasTwoLines', lang)}</dt>
        <dd>{tags.length > 0 ? tags.join('、') : '—'}</dd>
      </div>
    </>
  );
}

/** Events whose changes are the whole parcel (its first event), not worth a line. */
const FIRST_EVENTS = new Set(['added', 'imported', 'splitFrom', 'mergedFrom']);

/**
 * One parcel as the register keeps it, current or retired: its attributes, area and status, the
 * parcels it came from and those that took its place (each opens), its history, and — while it is
 * current — the forms to edit, split or withdraw it.
 */
export function ParcelCard() {
  const { t } = useTranslation();
  const language = useSession((s) => s.language);
  const lang = domainLanguage(language);
  const { detail, close, open } = useParcelsData();
  const parcel = detail.data;
  if (!parcel) return <ProblemNotice problem={detail.problem} />;
  const p = parcel.properties;
  const boundary = (from: unknown, to: unknown) => t('boundary version {{from}} → {{to}}', { from, to });
  const refs = (list: { id: number; code: string }[]) =>
    list.map((ref) => (
      <button key={ref.id} type="button" className="link-button" onClick={() => void open(ref.id, language)}>
        {ref.code}
      </button>
    ));
  const fields: [TermKey, unknown][] = [
    ['name', p.name],
    ['mineCategory', p.mineCategory],
    ['township', `${p.township}（${p.townshipCode}）`],
    ['plannedYear', p.plannedYear],
    ['method', p.method],
    ['restorationStatus', parcel.status],
    ['miningRightId', p.miningRightId],
  ];
  return (
    <section className="plan-section parcel-card" aria-label={t('Parcel {{code}}', { code: p.code })}>
      <div className="admin-list-head">
        <h3>
          {p.code} <span className={`parcel-lifecycle lifecycle-${parcel.lifecycle}`}>{term(parcel.lifecycle === 'current' ? 'parcelCurrent' : 'parcelRetiredState', lang)}</span>
        </h3>
        <button type="button" className="link-button" onClick={close}>
          {t('Close')}
        </button>
      </div>
      <dl className="parcel-fields">
        {fields.map(([key, value]) => (
          <div key={key}>
            <dt>{term(key, lang)}</dt>
            <dd>{valueText(value, lang)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('Area')}</dt>
          <dd>
            {parcel.areaMu.toFixed(2)} {term('unitMu', lang)}
          </dd>
        </div>
        <div>
          <dt>{t('Version')}</dt>
          <dd>{parcel.version}</dd>
        </div>
        {parcel.lifecycle === 'current' && <CampaignFields parcelId={parcel.id} lang={lang} />}
        {parcel.parents.length > 0 && (
          <div>
            <dt>{term('parentParcels', lang)}</dt>
            <dd>{refs(parcel.parents)}</dd>
          </div>
        )}
        {parcel.successors.length > 0 && (
          <div>
            <dt>{term('childParcels', lang)}</dt>
            <dd>{refs(parcel.successors)}</dd>
          </div>
        )}
      </dl>
      <h4>{t('Parcel history')}</h4>
      <ol className="parcel-events" aria-label={t('Parcel history')}>
        {[...parcel.events].reverse().map((event) => (
          <li key={event.id}>
            <strong>{term(PARCEL_EVENT_TERMS[event.kind], lang)}</strong> {chinaTime(event.recordedAt, language)}
            <span className="admin-muted"> · {event.recordedBy ?? t('system')}</span>
            {event.related.length > 0 && <> · {refs(event.related)}</>}
            {event.changes.length > 0 && !FIRST_EVENTS.has(event.kind) && <div className="parcel-change">{changeLine(event, lang, boundary)}</div>}
            {event.note && <div className="admin-muted">{event.note}</div>}
          </li>
        ))}
      </ol>
      {parcel.lifecycle === 'current' ? (
        <>
          <EditParcelForm key={`${parcel.id}/${parcel.version}`} parcel={parcel} />
          <SplitParcelForm key={`split-${parcel.id}`} />
          <RetireParcelForm key={`retire-${parcel.id}`} />
        </>
      ) : (
        <p className="admin-muted">{t('A retired parcel is history: it no longer changes.')}</p>
      )}
    </section>
  );
}
