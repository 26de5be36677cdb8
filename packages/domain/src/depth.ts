import type { Bilingual } from './glossary.ts';

/**
 * Why a measured elevation outside the licensed range (开采标高) is a finding: seed 003 sets the
 * campaign against 超层越界开采 and has the bureau measure on site (实地测量取证) what it
 * checks against the approved range; seed 002 names 超层越界 among what the departments strike.
 */
export const DEPTH_BASIS: Bilingual = {
  zh: '《新宾满族自治县开展非煤矿山违法行为整治专项行动工作方案》一、工作目标：对无证开采、超层越界开采行为进行整治；二（二）2 联合督导检查：对照批准的矿区范围核查越界开采，实地测量取证（seed 003）；《昌江区深入整治规范矿产资源保护开发利用专项行动实施方案》（十一）区应急局：配合严厉打击涉嫌超层越界盗采矿产资源行为（seed 002）',
  en: 'Xinbin non-coal mine enforcement campaign, 1 (goals): act against mining without a licence and beyond the licensed levels or boundary (超层越界开采); 2 (2) 2 (joint inspection): check mining beyond the approved range and measure on site (seed 003); Changjiang rectification plan (11) (emergency management bureau): help strike suspected mining beyond the licensed levels or boundary (seed 002)',
};

/**
 * The elevations a survey or a licensed range may state, in metres above sea level: a physical
 * sanity bound (no mine lies 5 km below sea level or above Everest), not a legal figure.
 */
export const ELEVATION_BOUNDS_M = { min: -5000, max: 9000 } as const;

/** What an inspector measured: the pit floor (采场底板) or a working face (工作面). */
export const SURVEY_SURFACES = ['floor', 'face'] as const;
export type SurveySurface = (typeof SURVEY_SURFACES)[number];
export const SURVEY_SURFACE_TERMS = { floor: 'surfaceFloor', face: 'surfaceFace' } as const;

/** Most points one survey may list. */
export const SURVEY_POINTS_MAX = 500;

/** A licensed elevation range (开采标高), metres above sea level. */
export interface ElevationRange {
  topM: number;
  bottomM: number;
}

/** How a survey's points stand against the licensed range. */
export interface DepthVerdict {
  /** `below`: some point under the floor; `above`: some over the top; both may hold; `within`: none outside. */
  below: boolean;
  above: boolean;
  /** Lowest and highest measured elevations, m. */
  lowestM: number;
  highestM: number;
  /** How far the lowest point lies under the floor / the highest over the top, m (0 when not). */
  belowByM: number;
  aboveByM: number;
}

const round2 = (m: number) => Math.round(m * 100) / 100;

/** Whether a value is an elevation the product takes (finite, within {@link ELEVATION_BOUNDS_M}). */
export const isPlausibleElevation = (m: unknown): m is number =>
  typeof m === 'number' && Number.isFinite(m) && m >= ELEVATION_BOUNDS_M.min && m <= ELEVATION_BOUNDS_M.max;

/** The measured elevations against the range: mining below the floor or above the top is 超层越界. */
export function depthVerdict(elevationsM: readonly number[], range: ElevationRange): DepthVerdict {
  const lowestM = Math.min(...elevationsM);
  const highestM = Math.max(...elevationsM);
  return {
    below: lowestM < range.bottomM,
    above: highestM > range.topM,
    lowestM,
    highestM,
    belowByM: lowestM < range.bottomM ? round2(range.bottomM - lowestM) : 0,
    aboveByM: highestM > range.topM ? round2(highestM - range.topM) : 0,
  };
}

/** Whether a verdict is 超层越界. */
export const isDepthBreach = (verdict: Pick<DepthVerdict, 'below' | 'above'>): boolean => verdict.below || verdict.above;
