import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteCardResponse } from '@mpm/contracts';
import { formatLonLatDms } from '@mpm/geo';
import { term, type Language } from '@mpm/domain';
import { formatArea, formatMetres } from '../../../plan/format.ts';
import type { SiteOrigin } from '../../../state/inspect-store.ts';
import { useSession, type AreaUnit } from '../../../state/session-store.ts';
import { CornerListExport } from '../../CornerListExport.tsx';
import { FindingsList } from '../../plan/FindingsList.tsx';
import { daysLeftText, LicenceStateBadge, termOr } from '../terms.tsx';
import { chinaTime } from '../../data/china-time.ts';
import { DepthSurvey } from './DepthSurvey.tsx';
import { SiteRecords } from './SiteRecords.tsx';

interface BodyProps {
  card: SiteCardResponse;
  origin: SiteOrigin;
  lang: Language;
  unit: AreaUnit;
  /** The map around the site (printing), as a data URL; undefined on screen (which offers downloads). */
  snapshot?: string | null;
}

/**
 * What the site card says, on screen and on paper: where, in which zones, near which lines, under
 * which right, which patches and ledger entries are there, with which findings.
 */
export function SiteCardBody({ card, origin, lang, unit, snapshot }: BodyProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const language = useSession((s) => s.language);
  const [lon, lat] = card.centre;
  const dms = formatLonLatDms([lon, lat]);
  const origins: Record<SiteOrigin, string> = {
    tap: t('Picked on the map'),
    position: t('My position'),
    typed: t('Typed coordinates'),
    draw: t('Area drawn on the map'),
    upload: t('Uploaded polygon'),
  };
  return (
    <article className="site-card" aria-labelledby={titleId}>
      <h3 id={titleId}>{term('siteCard', lang)}</h3>
      {snapshot && <img className="site-snapshot" src={snapshot} alt={t('Map of the site')} />}
      <dl className="site-facts">
        <dt>{card.geometry.type === 'Point' ? t('Position') : t('Centre')}</dt>
        <dd className="site-position">
          <span className="site-decimal">
            {lon.toFixed(6)}, {lat.toFixed(6)}
          </span>
          <span className="site-dms">
            {dms.lon} {dms.lat}
          </span>
        </dd>
        <dt>{term('township', lang)}</dt>
        <dd>{card.township ? card.township.name : t('Outside the county’s townships')}</dd>
        {card.areaM2 !== null && (
          <>
            <dt>{term('areaMu', lang)}</dt>
            <dd>{formatArea(card.areaM2, unit, lang)}</dd>
          </>
        )}
        <dt>{t('Given by')}</dt>
        <dd>{origins[origin]}</dd>
        <dt>{t('Checked at')}</dt>
        <dd>{chinaTime(card.checkedAt, language)}</dd>
      </dl>

      <h4>{t('Zones at the site')}</h4>
      {card.zones.length === 0 ? (
        <p className="plan-note site-none">{t('The site lies in no zone of the plan or the protected areas.')}</p>
      ) : (
        <ul className="site-zones">
          {card.zones.map((zone) => (
            <li key={`${zone.collection}/${zone.featureId}`} data-collection={zone.collection}>
              <span className="site-zone-layer">{term(zone.collection, lang)}</span>
              <span className="site-zone-name">
                {zone.name}
                {zone.classKey && ` (${termOr(zone.classKey, lang)})`}
              </span>
              {zone.overlapAreaM2 !== undefined && (
                <span className="site-zone-overlap">{t('overlap {{area}}', { area: formatArea(zone.overlapAreaM2, unit, lang) })}</span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h4>{t('Roads, railways and rivers')}</h4>
      {card.nearest.length === 0 ? (
        <p className="plan-note site-none">{t('No road, railway or river in the data.')}</p>
      ) : (
        <ul className="site-lines">
          {card.nearest.map((line) => (
            <li key={`${line.collection}/${line.roadClass ?? ''}/${line.featureId}`} data-collection={line.collection} data-inside={line.insideBuffer}>
              <span className="site-line-layer">{term(line.collection, lang)}</span>
              <span className="site-line-name">
                {line.name}
                {line.roadClass && ` (${termOr(line.roadClass, lang)})`}
              </span>
              <span className="site-line-distance">
                {t('{{distance}} away; buffer {{buffer}}', { distance: formatMetres(line.distanceM, lang), buffer: formatMetres(line.bufferM, lang) })}
              </span>
              <span className={line.insideBuffer ? 'tag tag-warn' : 'tag'}>
                {line.insideBuffer ? t('Inside the buffer') : t('Outside the buffer')}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h4>{t('Mining and exploration rights')}</h4>
      {card.rights.length === 0 ? (
        <p className="site-none site-no-right">{t('No mining or exploration right covers the site.')}</p>
      ) : (
        <ul className="site-rights">
          {card.rights.map((right) => (
            <li key={`${right.collection}/${right.featureId}`} data-state={right.state}>
              <div className="site-right-head">
                <span className="site-right-kind">{term(right.collection, lang)}</span>
                <LicenceStateBadge state={right.state} lang={lang} />
                {right.overCapacityYear !== null && (
                  <span className="tag tag-danger over-capacity">
                    {term('overCapacity', lang)} ({right.overCapacityYear})
                  </span>
                )}
              </div>
              <dl className="site-facts">
                <dt>{term('licenceNo', lang)}</dt>
                <dd>{right.licenceNo}</dd>
                {right.mineName && (
                  <>
                    <dt>{term('mineName', lang)}</dt>
                    <dd>{right.mineName}</dd>
                  </>
                )}
                <dt>{term('holder', lang)}</dt>
                <dd>{right.holder}</dd>
                <dt>{term('mineral', lang)}</dt>
                <dd>{term(right.mineral, lang)}</dd>
                <dt>{term('validTo', lang)}</dt>
                <dd>
                  {right.validTo}{' '}
                  <span className={right.daysLeft < 0 ? 'tag tag-danger' : 'tag'}>
                    {daysLeftText(right.daysLeft, t)}
                  </span>
                </dd>
              </dl>
              {snapshot === undefined && right.collection === 'mining_rights' && (
                <DepthSurvey right={right} surveys={card.surveys} centre={card.centre} lang={lang} />
              )}
              {snapshot === undefined && <CornerListExport source={{ layer: right.collection, featureId: right.featureId }} lang={lang} />}
            </li>
          ))}
        </ul>
      )}

      <SiteRecords card={card} lang={lang} unit={unit} printed={snapshot !== undefined} />

      <h4>{t('Findings')}</h4>
      {card.findings.length === 0 ? (
        <p className="plan-note site-none">{t('The rules found nothing at this site.')}</p>
      ) : (
        <FindingsList findings={card.findings} lang={lang} unit={unit} />
      )}
    </article>
  );
}
