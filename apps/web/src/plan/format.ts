import { M2_PER_HA, M2_PER_KM2, M2_PER_MU, roundTo, term, type Language } from '@mpm/domain';
import type { AreaUnit } from '../state/session-store.ts';

const locale = (lang: Language) => (lang === 'zh' ? 'zh-CN' : 'en-US');

/** A number for people: grouped, with exactly `decimals` decimals. */
export const formatNumber = (value: number, lang: Language, decimals = 2): string =>
  roundTo(value, decimals).toLocaleString(locale(lang), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** Decimals shown per unit: m² and mu to 2, ha to 4 (as the rules engine rounds them). */
const DECIMALS: Record<AreaUnit | 'km2', number> = { m2: 2, mu: 2, ha: 4, km2: 4 };
const UNIT_TERMS = { m2: 'unitM2', mu: 'unitMu', ha: 'unitHa', km2: 'unitKm2' } as const;
const M2_PER = { m2: 1, mu: M2_PER_MU, ha: M2_PER_HA, km2: M2_PER_KM2 } as const;

/** An area in m² shown in `unit`, with the unit's name from the glossary: `12.35 亩`. */
export function formatArea(areaM2: number, unit: AreaUnit | 'km2', lang: Language): string {
  return `${formatNumber(areaM2 / M2_PER[unit], lang, DECIMALS[unit])} ${term(UNIT_TERMS[unit], lang)}`;
}

/** An area already in `unit` (an `AreaReport` field), with the unit's name. */
export const formatAreaIn = (value: number, unit: AreaUnit | 'km2', lang: Language): string =>
  `${formatNumber(value, lang, DECIMALS[unit])} ${term(UNIT_TERMS[unit], lang)}`;

/** A distance in metres: `85.3 米` / `85.3 m`. */
export const formatMetres = (metres: number, lang: Language): string => `${formatNumber(metres, lang, 1)} ${term('unitM', lang)}`;
