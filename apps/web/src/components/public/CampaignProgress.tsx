import { useTranslation } from 'react-i18next';
import type { ParcelResponsible, RestorationCampaignResponse } from '@mpm/contracts';
import { MILESTONE_REQUIREMENT_TERMS, MILESTONE_STATE_TERMS, term, type Language } from '@mpm/domain';
import { formatMuNumber, formatPercent } from './figures.ts';

/** Who answers for a row: the mine (name and licence, when the county shows them) or the township. */
export function responsibleText(responsible: ParcelResponsible, lang: Language): string {
  if (responsible.kind === 'township') return `${responsible.townshipName}（${term('responsibleTownship', lang)}）`;
  const name = [responsible.mineName, responsible.licenceNo].filter(Boolean).join(' ');
  return name || `${term('responsibleMine', lang)} #${responsible.miningRightId}`;
}

/**
 * Restoration by 四区两线 and by mine (seed 001): the parcels in a 四区 or in view of the two lines
 * against the campaign's deadlines, the policy-closed mines counted beside the document's figures,
 * and the area restored by mine or, where the responsible party is gone, by township.
 */
export function CampaignProgress({ campaign, lang }: { campaign: RestorationCampaignResponse; lang: Language }) {
  const { t } = useTranslation();
  const unit = term('unitMu', lang);
  const ranges = campaign.visibleRanges.map((r) => `${term(r.collection, lang)} ${r.withinM} m`).join(lang === 'zh' ? '、' : ', ');
  const tagged = campaign.parcels.filter((p) => p.fourAreas.length > 0 || p.twoLines.length > 0);
  return (
    <>
      <section className="public-section" aria-labelledby="priority-title" data-testid="four-areas-two-lines">
        <h3 id="priority-title">{t('{{term}} against its deadlines', { term: term('fourAreasTwoLines', lang) })}</h3>
        <p className="panel-note">
          {t('Parcels in a protected area of the four, or within the visible range of a line ({{ranges}}): {{count}}.', {
            ranges,
            count: tagged.length,
          })}
        </p>
        {campaign.milestones.length === 0 ? (
          <p className="panel-note">{t('The county has set no deadlines for them.')}</p>
        ) : (
          <div className="table-scroll">
            <table className="public-table milestone-table">
              <caption>{t('Restored by each deadline, in {{unit}}; judged on {{date}} at the latest', { unit, date: campaign.asOf })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Deadline')}</th>
                  <th scope="col">{t('Asks')}</th>
                  <th scope="col">{t('Parcels restored')}</th>
                  <th scope="col">{t('Area restored')}</th>
                  <th scope="col">{t('State')}</th>
                </tr>
              </thead>
              <tbody>
                {campaign.milestones.map((m) => (
                  <tr key={m.deadline} data-deadline={m.deadline} data-state={m.state} title={m.source}>
                    <th scope="row">{m.deadline}</th>
                    <td>{term(MILESTONE_REQUIREMENT_TERMS[m.requirement], lang)}</td>
                    <td className="num">
                      {m.restoredParcels} / {m.parcels}
                    </td>
                    <td className="num">
                      {formatMuNumber(m.restoredMu, lang)} / {formatMuNumber(m.areaMu, lang)} ({formatPercent(m.restoredMu, m.areaMu, lang)})
                    </td>
                    <td className={`milestone-state state-${m.state}`}>{term(MILESTONE_STATE_TERMS[m.state], lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {tagged.length > 0 && (
          <ul className="priority-parcels">
            {tagged.map((p) => (
              <li key={p.id} data-parcel={p.code}>
                {p.code} {p.name}：{[...p.fourAreas, ...p.twoLines].map((c) => term(c, lang)).join('、')}
              </li>
            ))}
          </ul>
        )}
      </section>
      {campaign.closedMines.length > 0 && (
        <section className="public-section" aria-labelledby="closed-mines-title">
          <h3 id="closed-mines-title">{term('policyClosedMines', lang)}</h3>
          <div className="table-scroll">
            <table className="public-table closed-mines-table">
              <thead>
                <tr>
                  <th scope="col">{t('Years')}</th>
                  <th scope="col">{t('Document asks (about)')}</th>
                  <th scope="col">{t('Mines with parcels')}</th>
                  <th scope="col">{t('Mines restored')}</th>
                  <th scope="col">{t('Planned')}</th>
                </tr>
              </thead>
              <tbody>
                {campaign.closedMines.map((c) => (
                  <tr key={c.fromYear} data-years={`${c.fromYear}-${c.toYear}`} title={c.source}>
                    <th scope="row">
                      {c.fromYear}–{c.toYear}
                    </th>
                    <td className="num">{c.approxMines}</td>
                    <td className="num">{c.plannedMines}</td>
                    <td className="num">{c.restoredMines}</td>
                    <td className="num">
                      {formatMuNumber(c.plannedMu, lang)} {unit}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section className="public-section" aria-labelledby="by-mine-title">
        <h3 id="by-mine-title">{t('By mine')}</h3>
        <div className="table-scroll">
          <table className="public-table by-mine-table">
            <caption>{t('Each parcel counts for its mine; without one, for its township. In {{unit}}, to {{date}}', { unit, date: campaign.asOf })}</caption>
            <thead>
              <tr>
                <th scope="col">{term('responsibleParty', lang)}</th>
                <th scope="col">{t('Parcels')}</th>
                <th scope="col">{t('Planned')}</th>
                <th scope="col">{t('Done to date')}</th>
                <th scope="col">{t('Share')}</th>
              </tr>
            </thead>
            <tbody>
              {campaign.byResponsible.map((row) => (
                <tr key={row.responsible.kind === 'mine' ? `m${row.responsible.miningRightId}` : `t${row.responsible.townshipCode}`} data-kind={row.responsible.kind}>
                  <th scope="row">{responsibleText(row.responsible, lang)}</th>
                  <td className="num">{row.parcels}</td>
                  <td className="num">{formatMuNumber(row.plannedMu, lang)}</td>
                  <td className="num">{formatMuNumber(row.restoredMu, lang)}</td>
                  <td className="num">{formatPercent(row.restoredMu, row.plannedMu, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
