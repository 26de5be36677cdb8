import { useTranslation } from 'react-i18next';
import { term, type Language } from '@mpm/domain';
import type { AreaReport } from '@mpm/geo';
import { formatAreaIn } from '../../plan/format.ts';
import { useSession, type AreaUnit } from '../../state/session-store.ts';

/** The block's area in the four units the documents mix; km² to 4 decimals as MNR requires. */
export function AreaFigures({ area, lang, approximate }: { area: AreaReport; lang: Language; approximate: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="area-figures">
      <span className="area-label">
        {t('Block area')}
        {approximate && (
          <span className="approx-tag" title={t('Computed in the browser; the server check is authoritative.')}>
            {t('Approximate')}
          </span>
        )}
      </span>
      <span className="area-km2" data-unit="km2">
        {formatAreaIn(area.areaKm2, 'km2', lang)}
      </span>
      <span className="area-others">
        {(
          [
            ['m2', area.areaM2],
            ['mu', area.areaMu],
            ['ha', area.areaHa],
          ] as const
        ).map(([unit, value]) => (
          <span key={unit} data-unit={unit}>
            {formatAreaIn(value, unit, lang)}
          </span>
        ))}
      </span>
    </div>
  );
}

const UNIT_TERMS = { mu: 'unitMu', ha: 'unitHa', m2: 'unitM2' } as const;

/** 亩 / 公顷 / 平方米 for the overlap areas of findings. */
export function UnitSwitch({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const unit = useSession((s) => s.areaUnit);
  const setUnit = useSession((s) => s.setAreaUnit);
  return (
    <div className="unit-switch" role="group" aria-label={t('Area unit')}>
      {(Object.keys(UNIT_TERMS) as AreaUnit[]).map((u) => (
        <button key={u} type="button" aria-pressed={unit === u} onClick={() => setUnit(u)}>
          {term(UNIT_TERMS[u], lang)}
        </button>
      ))}
    </div>
  );
}
