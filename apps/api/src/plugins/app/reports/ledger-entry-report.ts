import fs from 'node:fs';
import { LEDGER_SOURCE_TERMS, getLayer, term, type CollectionId, type Language } from '@mpm/domain';
import type { PhotoRow } from '../photos/photos-repository.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import type { Repositories } from '../repositories.plugin.ts';
import type { EntryDetailRow } from '../ledger/ledger-repository.ts';
import { historyWhat, historyWho, labelledChinaTime, type HistoryEvent } from '../ledger/ledger-history.ts';
import { chinaDate, chinaDateTime } from './china-time.ts';
import { e, fillTemplate } from './html.ts';
import { progressFooter } from './progress-html.ts';
import { BASE_STYLE } from './report-html.ts';
import { mapProjection, mapWindow, northArrowSvg, parts, scaleBarSvg, type MapLayerFeature } from './report-map.ts';
import type { PdfPrinter } from './pdf-printer.ts';

/** What printing an entry needs from the app. */
export interface EntryReportContext {
  repos: Pick<Repositories, 'reports' | 'ledger'>;
  printer: PdfPrinter;
  photos: PhotoStore;
  now: Date;
}

/** The entry to print: its row, its whole history and its photos. */
export interface EntryReportSubject {
  entry: EntryDetailRow;
  history: readonly HistoryEvent[];
  photos: readonly PhotoRow[];
}

/** The report's own words in both languages (domain terms come from the glossary); `{name}` placeholders. */
const ENTRY_TEXT = {
  overdue: { zh: '（已逾期）', en: ' (overdue)' },
  lonLat: { zh: '经纬度', en: 'Longitude, latitude' },
  lonLatValue: { zh: '{lon}°E，{lat}°N（CGCS2000）', en: '{lon}°E, {lat}°N (CGCS2000)' },
  at: { zh: '时间（北京时间）', en: 'When (China time)' },
  who: { zh: '操作人', en: 'By' },
  what: { zh: '事项', en: 'What' },
  note: { zh: '备注', en: 'Note' },
  earlierSteps: { zh: '另有较早的 {count} 条记录，见系统中的台账。', en: '{count} earlier steps are in the ledger.' },
  photo: { zh: '照片 {id}', en: 'Photo {id}' },
  photoMissing: { zh: '照片 {id} 无法载入', en: 'Photo {id} could not be loaded' },
  morePhotos: { zh: '另有 {count} 张照片，见系统中的台账。', en: '{count} more photos are in the ledger.' },
  noPhotos: { zh: '无照片。', en: 'No photos.' },
  county: { zh: '县（区）：{county}', en: 'County: {county}' },
  noCounty: { zh: '未载入县界', en: 'no county loaded' },
  printedOn: { zh: '打印日期：{date}', en: 'Printed on {date}' },
  fields: { zh: '一、基本情况', en: '1. The entry' },
  map: { zh: '二、位置示意图', en: '2. Location map' },
  history: { zh: '三、{history}', en: '3. {history}' },
  photos: { zh: '四、现场照片', en: '4. Site photos' },
  mapLabel: { zh: '位置示意图', en: 'Location map' },
} as const;

const say = (key: keyof typeof ENTRY_TEXT, lang: Language, values: Record<string, string | number> = {}) => fillTemplate(ENTRY_TEXT[key][lang], values);

/** What keeps the report to one A4 page: the newest history steps and the first photos shown, the rest counted. */
export const ENTRY_REPORT_LIMITS = { historySteps: 16, photos: 4, photoBytes: 8 * 1024 * 1024 };

/** The site map's drawing size (SVG units) and the layers drawn around the site. */
const SITE_MAP = { width: 540, height: 230 };
const SURROUNDINGS: CollectionId[] = ['townships', 'mining_rights'];

const STYLE =
  BASE_STYLE +
  `
  body { font-size: 9pt; line-height: 1.35; }
  h1 { font-size: 16pt; }
  h2 { font-size: 10.5pt; margin: 3mm 0 1.5mm; }
  .fields th { width: 22mm; background: #f3f5f8; text-align: left; font-weight: normal; color: #333; white-space: nowrap; }
  .fields td { width: 68mm; }
  .history { font-size: 8pt; table-layout: fixed; }
  .history .c-at { width: 30mm; } .history .c-who { width: 22mm; } .history .c-what { width: 36mm; }
  .site-map { width: 120mm; display: block; margin: 0 auto; }
  .photos { display: flex; gap: 3mm; flex-wrap: nowrap; }
  .photos figure { margin: 0; text-align: center; font-size: 7.5pt; color: #444; }
  .photos img { height: 30mm; max-width: 42mm; object-fit: cover; border: 0.5pt solid #8a8f98; display: block; }
`;

/** The site map's window: the site (a point or its polygons) with a margin around it. */
function siteWindow(geometry: EntryDetailRow['geometry']) {
  const block = geometry.type === 'Point' ? { type: 'Polygon' as const, coordinates: [[geometry.coordinates]] } : geometry;
  return mapWindow(block, { aspect: SITE_MAP.width / SITE_MAP.height, margin: { share: 1.5, minM: 400 } });
}

/** The site on a small map: the township lines and mining rights around it, the site bold, a scale bar and north arrow. */
export function siteMapSvg(geometry: EntryDetailRow['geometry'], features: readonly MapLayerFeature[], lang: Language = 'zh'): string {
  const window = siteWindow(geometry);
  const { scale, xy, path } = mapProjection(window, SITE_MAP.width);
  const drawn = features.map(({ collection, geometry: g }) => {
    const { color } = getLayer(collection);
    const { rings, lines } = parts(g);
    const fill = collection === 'townships' ? 'none' : e(color);
    return (
      (rings.length ? `<path d="${path(rings, true)}" fill="${fill}" fill-opacity="0.18" fill-rule="evenodd" stroke="${e(color)}" stroke-width="1.2"/>` : '') +
      (lines.length ? `<path d="${path(lines, false)}" fill="none" stroke="${e(color)}" stroke-width="1.6"/>` : '')
    );
  });
  let site: string;
  if (geometry.type === 'Point') {
    const [x, y] = xy(geometry.coordinates);
    site = `<circle cx="${x}" cy="${y}" r="7" fill="#d55e00" stroke="#fff" stroke-width="2.5"/>`;
  } else {
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    site =
      `<path d="${path(rings, true)}" fill="none" stroke="#fff" stroke-width="6" stroke-linejoin="round"/>` +
      `<path d="${path(rings, true)}" fill="#d55e00" fill-opacity="0.2" fill-rule="evenodd" stroke="#d55e00" stroke-width="3" stroke-linejoin="round"/>`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SITE_MAP.width} ${SITE_MAP.height}" class="site-map" role="img" aria-label="${e(say('mapLabel', lang))}">` +
    `<style>text{font-family:"Noto Sans CJK SC",sans-serif;font-size:12px;fill:#111}</style>` +
    `<defs><clipPath id="site-frame"><rect width="${SITE_MAP.width}" height="${SITE_MAP.height}"/></clipPath></defs>` +
    `<rect width="${SITE_MAP.width}" height="${SITE_MAP.height}" fill="#fbfbf8"/>` +
    `<g clip-path="url(#site-frame)">${drawn.join('')}${site}</g>` +
    `<rect width="${SITE_MAP.width}" height="${SITE_MAP.height}" fill="none" stroke="#333" stroke-width="1"/>` +
    scaleBarSvg(window, scale, 14, SITE_MAP.height - 16) +
    northArrowSvg(SITE_MAP.width - 30, 14) +
    '</svg>'
  );
}

/** A photo as a data URI (the page loads nothing), or null when its file is missing or too large to embed. */
async function photoUri(context: EntryReportContext, photo: PhotoRow): Promise<string | null> {
  if (photo.sizeBytes > ENTRY_REPORT_LIMITS.photoBytes) return null;
  const stored = await context.repos.ledger.photos.file(photo.id);
  const file = stored && context.photos.resolve(stored.path);
  if (!file) return null;
  const bytes = await fs.promises.readFile(file).catch(() => null);
  return bytes && `data:${photo.mimeType};base64,${bytes.toString('base64')}`;
}

const row = (cells: [string, string | null | undefined][]) =>
  `<tr>${cells.map(([label, value]) => `<th>${e(label)}</th><td>${e(value ?? '—')}</td>`).join('')}</tr>`;

/** The entry as one self-contained HTML page in `lang` (no script, no external resource); all text is escaped. */
export function entryReportHtml(
  subject: EntryReportSubject,
  mapSvg: string,
  photoUris: readonly (string | null)[],
  county: string | null,
  printedAt: Date,
  lang: Language = 'zh',
): string {
  const { entry, history, photos } = subject;
  const fields =
    '<table class="fields">' +
    row([
      [term('code', lang), String(entry.id)],
      [term('ledgerStatus', lang), `${term(entry.status, lang)}${entry.overdue ? say('overdue', lang) : ''}`],
    ]) +
    row([
      [term('ledgerSource', lang), term(LEDGER_SOURCE_TERMS[entry.source], lang)],
      [term('violationType', lang), entry.violationType && term(entry.violationType, lang)],
    ]) +
    row([
      [term('township', lang), entry.townshipName],
      [term('deadline', lang), entry.deadline],
    ]) +
    row([
      [term('responsibleUnit', lang), entry.responsibleUnit],
      [term('responsiblePerson', lang), entry.responsiblePerson],
    ]) +
    row([
      [say('lonLat', lang), say('lonLatValue', lang, { lon: entry.lon.toFixed(6), lat: entry.lat.toFixed(6) })],
      [term('createdAt', lang), labelledChinaTime(new Date(entry.createdAt), lang)],
    ]) +
    `<tr><th>${e(term('rectificationMeasures', lang))}</th><td colspan="3">${e(entry.rectificationMeasures ?? '—')}</td></tr>` +
    '</table>';
  const shown = history.slice(-ENTRY_REPORT_LIMITS.historySteps);
  const earlier = history.length - shown.length;
  const steps =
    `<table class="history"><thead><tr><th class="c-at">${e(say('at', lang))}</th><th class="c-who">${e(say('who', lang))}</th>` +
    `<th class="c-what">${e(say('what', lang))}</th><th>${e(say('note', lang))}</th></tr></thead><tbody>` +
    shown
      .map(
        (event) =>
          `<tr class="step"><td>${e(chinaDateTime(event.at))}</td><td>${e(historyWho(event, lang))}</td><td>${e(historyWhat(event, lang))}</td><td>${e(event.note ?? '')}</td></tr>`,
      )
      .join('') +
    '</tbody></table>' +
    (earlier > 0 ? `<p class="note">${e(say('earlierSteps', lang, { count: earlier }))}</p>` : '');
  const figures = photos.slice(0, ENTRY_REPORT_LIMITS.photos).map((photo, i) => {
    const uri = photoUris[i];
    const caption = `${e(photo.uploadedBy)} · ${e(labelledChinaTime(new Date(photo.uploadedAt), lang))}`;
    return uri
      ? `<figure><img src="${uri}" alt="${e(say('photo', lang, { id: photo.id }))}"><figcaption>${caption}</figcaption></figure>`
      : `<figure>${e(say('photoMissing', lang, { id: photo.id }))}<br>${caption}</figure>`;
  });
  const morePhotos = photos.length - figures.length;
  const photoSection = photos.length
    ? `<div class="photos">${figures.join('')}</div>${morePhotos > 0 ? `<p class="note">${e(say('morePhotos', lang, { count: morePhotos }))}</p>` : ''}`
    : `<p class="note">${e(say('noPhotos', lang))}</p>`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${e(term('ledgerEntryReport', lang))} ${entry.id}</title><style>${STYLE}</style></head>
<body>
<h1>${e(term('ledgerEntryReport', lang))}</h1>
<p class="subtitle">${e(entry.title)}</p>
<table class="meta"><tr><td>${e(say('county', lang, { county: county ?? say('noCounty', lang) }))}</td><td>${e(say('printedOn', lang, { date: chinaDate(printedAt) }))}</td></tr></table>
<h2>${e(say('fields', lang))}</h2>
${fields}
<div class="figure"><h2>${e(say('map', lang))}</h2>
${mapSvg}</div>
<h2>${e(say('history', lang, { history: term('ledgerHistory', lang) }))}</h2>
${steps}
<h2>${e(say('photos', lang))}</h2>
${photoSection}
</body></html>`;
}

/** Prints one ledger entry on one A4 page in `lang`: its fields, a small map of its site, its history and its photos. */
export async function renderEntryReport(context: EntryReportContext, subject: EntryReportSubject, lang: Language = 'zh'): Promise<Buffer> {
  const { entry } = subject;
  const window = siteWindow(entry.geometry);
  const features = await context.repos.reports.windowFeatures(window.bbox, SURROUNDINGS, (window.bbox[2] - window.bbox[0]) / 1000);
  const county = await context.repos.reports.countyName();
  const shown = subject.photos.slice(0, ENTRY_REPORT_LIMITS.photos);
  const uris = await Promise.all(shown.map((photo) => photoUri(context, photo)));
  const html = entryReportHtml(subject, siteMapSvg(entry.geometry, features, lang), uris, county, context.now, lang);
  const title = `${county ? `${county} · ` : ''}${term('ledgerEntryReport', lang)} ${entry.id}`;
  return context.printer.print(html, progressFooter(title, lang));
}
