import type { Bilingual } from '@mpm/domain';

const grouped = (areaM2: number, locale: string) =>
  areaM2.toLocaleString(locale, { maximumFractionDigits: areaM2 < 10 ? 2 : 0 });

/**
 * Why a block is too small to be a block, or null when it is not: its area (on the ellipsoid,
 * m²) is below the county's minimum sensible block area. The server's refusal and the browser's
 * live check say the same words, from here.
 */
export function tooSmallBlockReason(areaM2: number, minBlockAreaM2: number): Bilingual | null {
  if (!(areaM2 < minBlockAreaM2)) return null;
  const [zh, en] = [grouped(areaM2, 'zh-CN'), grouped(areaM2, 'en-US')];
  const [minZh, minEn] = [grouped(minBlockAreaM2, 'zh-CN'), grouped(minBlockAreaM2, 'en-US')];
  return {
    zh: `地块面积仅 ${zh} 平方米，小于本县设置的最小地块面积 ${minZh} 平方米。请检查坐标的单位与小数点，或重画地块。`,
    en: `The block is only ${en} m², smaller than the county's minimum block area of ${minEn} m². Check the coordinates' unit and decimal point, or draw the block again.`,
  };
}
