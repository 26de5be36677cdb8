import { MAP_PRINT_LAYOUT_MM, mapFrameMm, pageSizeMm, type MapLegendEntry, type MapPrintBody } from '@mpm/contracts';
import type { Language } from '@mpm/domain';
import { formatDms } from '@mpm/geo';
import type { Bilingual } from '../../../http/errors.ts';
import { chinaDate, chinaToday } from './china-time.ts';
import { e, fillTemplate } from './html.ts';
import { REPORT_FONTS } from './report-html.ts';
import { northArrowSvg, scaleBarSvg } from './report-map.ts';

/** The printed map's own words in both languages. */
const WORDS = {
  legend: { zh: '图例', en: 'Legend' },
  crs: {
    zh: '坐标系：2000国家大地坐标系（CGCS2000，EPSG:4490），以 Web 墨卡托投影显示',
    en: 'Coordinate system: China Geodetic Coordinate System 2000 (CGCS2000, EPSG:4490), shown in Web Mercator',
  },
  extent: { zh: '图幅范围：{west}–{east}，{south}–{north}', en: 'Extent: {west} – {east}, {south} – {north}' },
  numericScale: { zh: '比例尺 约 1:{denominator}', en: 'Scale about 1:{denominator}' },
  producer: { zh: '制图单位：{producer}', en: 'Produced by: {producer}' },
  date: { zh: '制图日期：{date}', en: 'Date: {date}' },
  noCounty: { zh: '（未设置县域）', en: '(no county set up)' },
  bureau: { zh: '{county}自然资源局', en: '{county} Natural Resources Bureau' },
} satisfies Record<string, Bilingual>;

/** SVG units per millimetre in the frame's overlay: the review report's map scale, so its scale bar and arrow keep their size. */
const UNITS_PER_MM = 4;

/** What the page says besides the map: its producer (the county's bureau) and when it was printed. */
export interface MapPrintContext {
  /** The county's name from its profile; null before one is set up. */
  county: string | null;
  printedAt: Date;
  lang: Language;
}

/** `WORDS[key]` in `lang` with its `{name}` placeholders filled, the values escaped. */
const say = (key: keyof typeof WORDS, lang: Language, values: Record<string, string> = {}): string =>
  fillTemplate(WORDS[key][lang], Object.fromEntries(Object.entries(values).map(([name, value]) => [name, e(value)])));

/** The county bureau as the producing unit (制图单位). */
export function producer(county: string | null, lang: Language): string {
  return county === null ? WORDS.noCounty[lang] : fillTemplate(WORDS.bureau[lang], { county });
}

/** A denominator people read: two significant figures (the page says "about"). */
const roundDenominator = (value: number) => Number.parseFloat(value.toPrecision(2));

function swatchSvg(swatch: MapLegendEntry['swatch']): string {
  const [w, h] = [24, 14];
  const open = `<svg class="swatch" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-hidden="true">`;
  if (swatch.kind === 'polygon') {
    const width = Math.min(swatch.outlineWidth, 2.5);
    const dash = swatch.dash ? ` stroke-dasharray="${e(swatch.dash.map((d) => d * width).join(' '))}"` : '';
    return `${open}<rect x="1" y="1" width="${w - 2}" height="${h - 2}" rx="2" fill="${e(swatch.fill)}" fill-opacity="${Math.max(swatch.fillOpacity, 0.12)}" stroke="${e(swatch.outline)}" stroke-width="${width}"${dash}/></svg>`;
  }
  const width = Math.min(swatch.width, 4);
  const casing = swatch.casing ? `<line x1="1" y1="${h / 2}" x2="${w - 1}" y2="${h / 2}" stroke="${e(swatch.casing.color)}" stroke-width="${swatch.casing.width}"/>` : '';
  const dash = swatch.dash ? ` stroke-dasharray="${e(swatch.dash.map((d) => d * width).join(' '))}"` : '';
  return `${open}${casing}<line x1="1" y1="${h / 2}" x2="${w - 1}" y2="${h / 2}" stroke="${e(swatch.color)}" stroke-width="${width}"${dash}/></svg>`;
}

function legendHtml(legend: readonly MapLegendEntry[], lang: Language): string {
  if (legend.length === 0) return '';
  const rows = legend.map((entry) => {
    const categories = entry.categories?.length
      ? `<ul class="categories">${entry.categories.map((c) => `<li><span class="chip" style="background:${e(c.color)}"></span>${e(c.label)}</li>`).join('')}</ul>`
      : '';
    return `<li>${swatchSvg(entry.swatch)}<span>${e(entry.label)}</span>${categories}</li>`;
  });
  const rowCount = legend.length + legend.reduce((n, entry) => n + Math.ceil((entry.categories?.length ?? 0) / 3), 0);
  return `<div class="legend${rowCount > 14 ? ' two-columns' : ''}"><h2>${say('legend', lang)}</h2><ul>${rows.join('')}</ul></div>`;
}

/** The scale bar (bottom left) and north arrow (top right) over the frame, in an SVG of {@link UNITS_PER_MM}. */
function overlaySvg(widthMm: number, heightMm: number, frameWidthM: number, lang: Language): string {
  const [w, h] = [widthMm * UNITS_PER_MM, heightMm * UNITS_PER_MM];
  const scale = w / frameWidthM;
  return (
    `<svg class="overlay" viewBox="0 0 ${w} ${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<style>text{font-family:${REPORT_FONTS.replaceAll('"', "'")};font-size:12px;fill:#111}</style>` +
    scaleBarSvg({ widthM: frameWidthM }, scale, 24, h - 28, lang) +
    northArrowSvg(w - 40, 24) +
    '</svg>'
  );
}

/**
 * The printed map as one self-contained HTML page of the paper's size: the title, the map frame
 * (the browser's raster) with its neat lines, legend, scale bar and north arrow inside, and below
 * it the notes a Chinese thematic map carries: coordinate system, extent, numeric scale,
 * producing unit and date (China time).
 */
export function mapPrintHtml(body: MapPrintBody, context: MapPrintContext): string {
  const { lang } = context;
  const page = pageSizeMm(body.paper, body.orientation);
  const frame = mapFrameMm(body.paper, body.orientation);
  const { margin, title, notes } = MAP_PRINT_LAYOUT_MM;
  const [west, south, east, north] = body.bounds;
  const dms = (value: number, axis: 'lon' | 'lat') => formatDms(value, axis, 0);
  const extent = say('extent', lang, { west: dms(west, 'lon'), east: dms(east, 'lon'), south: dms(south, 'lat'), north: dms(north, 'lat') });
  const denominator = roundDenominator((body.frameWidthM * 1000) / frame.widthMm).toLocaleString('en-US');
  const date = lang === 'zh' ? chinaDate(context.printedAt) : `${chinaToday(context.printedAt)} (China time)`;
  const titleSize = Math.min(body.paper === 'A3' ? 24 : 18, (frame.widthMm / Math.max(body.title.length, 1)) * 2.2);

  const style = `
    @page { size: ${page.widthMm}mm ${page.heightMm}mm; margin: 0; }
    * { box-sizing: border-box; }
    html, body { margin: 0; padding: 0; width: ${page.widthMm}mm; height: ${page.heightMm}mm; overflow: hidden; background: #fff; }
    body { font-family: ${REPORT_FONTS}; color: #111; }
    .page { padding: ${margin}mm; }
    h1 { height: ${title}mm; margin: 0; display: flex; align-items: center; justify-content: center; font-size: ${titleSize.toFixed(1)}pt; letter-spacing: 0.12em; white-space: nowrap; }
    .frame { position: relative; width: ${frame.widthMm}mm; height: ${frame.heightMm}mm; border: 0.25mm solid #111; outline: 0.8mm solid #111; outline-offset: 1.2mm; }
    .frame > img { display: block; width: 100%; height: 100%; }
    .overlay { position: absolute; inset: 0; width: 100%; height: 100%; }
    .legend { position: absolute; right: 3mm; bottom: 3mm; max-height: ${(frame.heightMm - 22).toFixed(1)}mm; overflow: hidden; padding: 2mm 3mm; background: rgba(255, 255, 255, 0.93); border: 0.3mm solid #333; font-size: 8pt; }
    .legend h2 { margin: 0 0 1.5mm; font-size: 10pt; text-align: center; letter-spacing: 0.6em; }
    .legend ul { margin: 0; padding: 0; list-style: none; }
    .legend.two-columns > ul { columns: 2; column-gap: 5mm; }
    .legend li { break-inside: avoid; line-height: 1.45; }
    .legend .swatch { vertical-align: middle; margin-right: 1.5mm; }
    .legend .categories { display: flex; flex-wrap: wrap; gap: 0 2.5mm; margin: 0 0 0.6mm 7.5mm; font-size: 7pt; color: #333; }
    .legend .chip { display: inline-block; width: 2.4mm; height: 2.4mm; margin-right: 0.8mm; vertical-align: -0.2mm; }
    .notes { height: ${notes}mm; padding-top: 2.8mm; display: flex; justify-content: space-between; gap: 6mm; font-size: 8pt; line-height: 1.5; }
    .notes p { margin: 0; }
    .notes .gap { display: inline-block; width: 4mm; }
    .notes .right { text-align: right; white-space: nowrap; }
  `;
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(body.title)}</title><style>${style}</style></head><body><div class="page">
<h1>${e(body.title)}</h1>
<div class="frame"><img src="data:image/png;base64,${body.image}" alt="">${overlaySvg(frame.widthMm, frame.heightMm, body.frameWidthM, lang)}${legendHtml(body.legend, lang)}</div>
<div class="notes"><div><p>${say('crs', lang)}</p><p>${extent}<span class="gap"></span>${say('numericScale', lang, { denominator })}</p></div>
<div class="right"><p>${say('producer', lang, { producer: producer(context.county, lang) })}</p><p>${say('date', lang, { date })}</p></div></div>
</div></body></html>`;
}
