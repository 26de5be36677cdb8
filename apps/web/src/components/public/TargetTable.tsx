import { useTranslation } from 'react-i18next';
import type { RestorationSummaryResponse } from '@mpm/contracts';
import { targetMet, term, type Language, type MineCategory } from '@mpm/domain';
import { categoriesLabel, formatMuNumber, formatPercent, groupTotals, targetGroups } from './figures.ts';

/**
 * Area restored against the target, in mu, per target year and category group as the county's
 * document groups them; years after the chosen one are shown dimmed (their work lies ahead).
 */
export function TargetTable({ summary, year, lang }: { summary: RestorationSummaryResponse; year: number; lang: Language }) {
  const { t } = useTranslation();
  const groups = targetGroups(summary.rows);
  const rows = [...summary.rows].sort(
    (a, b) => a.year - b.year || groups.findIndex((g) => g.key === a.category) - groups.findIndex((g) => g.key === b.category),
  );
  const unit = term('unitMu', lang);
  if (rows.length === 0) return <p className="panel-note">{t('The county has set no restoration targets yet.')}</p>;
  return (
    <div className="table-scroll">
      <table className="public-table target-table">
        <caption>{t('Target and done by year, in {{unit}}; done counted to {{date}}', { unit, date: summary.asOf })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Year')}</th>
            <th scope="col">{t('Mine category')}</th>
            <th scope="col">{term('target', lang)}</th>
            <th scope="col">{t('Done that year')}</th>
            <th scope="col">{t('Done to date')}</th>
            <th scope="col">{t('Share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const met = targetMet(row.doneMu, row.targetMu);
            return (
              <tr
                key={`${row.year}|${row.category}`}
                className={row.year > year ? 'future' : undefined}
                data-year={row.year}
                data-category={row.category}
                data-target-mu={row.targetMu}
              >
                <td>{row.year}</td>
                <td>{categoriesLabel(row.categories as MineCategory[], lang)}</td>
                <td className="num">{formatMuNumber(row.targetMu, lang)}</td>
                <td className="num" data-met={row.year <= year ? met : undefined}>
                  {formatMuNumber(row.doneMu, lang)}
                </td>
                <td className="num">{formatMuNumber(row.doneToDateMu, lang)}</td>
                <td className="num">{formatPercent(row.doneToDateMu, row.targetMu, lang)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          {groups.map((group) => {
            const totals = groupTotals(summary.rows, group.key);
            return (
              <tr key={group.key} data-total-category={group.key} data-target-mu={totals.targetMu}>
                <th scope="row">{term('sumOfParts', lang)}</th>
                <td>{categoriesLabel(group.categories, lang)}</td>
                <td className="num">{formatMuNumber(totals.targetMu, lang)}</td>
                <td className="num">{formatMuNumber(totals.doneMu, lang)}</td>
                <td className="num">{formatMuNumber(totals.doneToDateMu, lang)}</td>
                <td className="num">{formatPercent(totals.doneToDateMu, totals.targetMu, lang)}</td>
              </tr>
            );
          })}
        </tfoot>
      </table>
    </div>
  );
}
