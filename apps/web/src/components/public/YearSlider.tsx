import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import { RESTORATION_STATUS_COLORS, RESTORATION_STATUS_PATTERNS } from '../../map/layer-styles.ts';
import { CategoryChip } from '../Legend.tsx';
import { usePublicSession } from '../../state/public-session.ts';
import { usePublicData } from '../../state/public-store.ts';
import { formatMu, statusTotals } from './figures.ts';

/**
 * The year the map and the figures stand on: a slider from the plan's first year to this year,
 * read as "the end of that year" (today, for this year).
 */
export function YearSlider({ min, max, asOf }: { min: number; max: number; asOf: string }) {
  const { t } = useTranslation();
  const year = usePublicSession((s) => s.year);
  const setYear = usePublicSession((s) => s.setYear);
  const shown = Math.min(Math.max(year, min), max);
  const years = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const label = year < max ? t('End of {{year}}', { year: shown }) : t('Today ({{date}})', { date: asOf });
  return (
    <div className="year-slider">
      <div className="year-slider-head">
        <label htmlFor="public-year">{t('Year')}</label>
        <output htmlFor="public-year" className="year-value" aria-live="polite">
          {shown}
        </output>
        <span className="year-note">{label}</span>
      </div>
      <input
        id="public-year"
        type="range"
        min={min}
        max={max}
        step={1}
        value={shown}
        list="public-year-ticks"
        aria-valuetext={label}
        onChange={(event) => setYear(Number(event.target.value))}
      />
      <datalist id="public-year-ticks">
        {years.map((y) => (
          <option key={y} value={y} />
        ))}
      </datalist>
      <div className="year-ticks" aria-hidden="true">
        <span>{min}</span>
        <span>{max}</span>
      </div>
    </div>
  );
}

/** The map's colour key with how many parcels, and how many mu, stand in each status on the day. */
export function StatusKey({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const states = usePublicData((s) => s.parcels.data);
  const totals = statusTotals(states);
  const colors = new Map(RESTORATION_STATUS_COLORS.values.map((entry) => [entry.value, entry.color]));
  const patterns = new Map(RESTORATION_STATUS_PATTERNS.values.map((entry) => [entry.value, entry]));
  return (
    <ul className="status-key" aria-label={t('Parcels by status')}>
      {totals.map(({ status, parcels, areaMu }) => (
        <li key={status} data-status={status} data-parcels={states ? parcels : undefined}>
          <CategoryChip color={colors.get(status)!} pattern={patterns.get(status)} />
          <span className="status-name">{term(status, lang)}</span>
          {states && (
            <span className="status-count">
              {t('{{count}} parcels', { count: parcels })} · {formatMu(areaMu, lang)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
