import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import { formatMuNumber, formatPercent, type TownshipFigure } from './figures.ts';

/** Per township (responsible for its parcels) and mine category: parcels, area planned, area restored to the day. */
export function TownshipTable({ figures, asOf, lang }: { figures: readonly TownshipFigure[]; asOf: string; lang: Language }) {
  const { t } = useTranslation();
  if (figures.length === 0) return null;
  const unit = term('unitMu', lang);
  return (
    <div className="table-scroll">
      <table className="public-table township-table">
        <caption>{t('By township, in {{unit}}; done counted to {{date}}', { unit, date: asOf })}</caption>
        <thead>
          <tr>
            <th scope="col">{term('township', lang)}</th>
            <th scope="col">{t('Mine category')}</th>
            <th scope="col">{t('Parcels')}</th>
            <th scope="col">{t('Planned')}</th>
            <th scope="col">{t('Done to date')}</th>
            <th scope="col">{t('Share')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((row, i) => (
            <tr key={`${row.townshipCode}|${row.category}`} data-township={row.townshipCode} data-category={row.category}>
              <td>{i > 0 && figures[i - 1].townshipCode === row.townshipCode ? '' : row.townshipName}</td>
              <td>{term(row.category, lang)}</td>
              <td className="num">{row.parcels}</td>
              <td className="num">{formatMuNumber(row.plannedMu, lang)}</td>
              <td className="num">{formatMuNumber(row.doneToDateMu, lang)}</td>
              <td className="num">{formatPercent(row.doneToDateMu, row.plannedMu, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
