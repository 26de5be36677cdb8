import type { CheckResponse, Proposal } from '@mpm/contracts';
import { chinaDate, chinaDateTime } from './china-time.ts';
import { e } from './html.ts';
import type { CornerTable } from './report-corners.ts';
import { MAP_PRINT_WIDTH_MM } from './report-map.ts';
import {
  areaSection,
  attributesSection,
  cornersSection,
  findingsSection,
  indicatorsSection,
  verdictBanner,
  type SavedVersion,
} from './report-sections.ts';
import { REPORT_TITLE } from './report-terms.ts';

/** Everything one printed report shows. */
export interface ReportContent {
  check: CheckResponse;
  proposal: Proposal;
  /** Whether the block came from a pasted corner list. */
  fromCornerList: boolean;
  /** The saved version, when the report is of one. */
  saved?: SavedVersion;
  county: string | null;
  rulesetTitle: string;
  printedAt: Date;
  corners: CornerTable;
  /** The map drawn by `reportMapSvg`. */
  mapSvg: string;
}

/** Fonts from Debian's fonts-noto-cjk: never the PDF standard-14 fonts, which have no Chinese. */
export const REPORT_FONTS = '"Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif';

/** The printed reports' common look: page, headings, tables, notes, numbers, indicator states, map. */
export const BASE_STYLE = `
  @page { size: A4; }
  * { box-sizing: border-box; }
  body { font-family: ${REPORT_FONTS}; font-size: 10pt; color: #111; margin: 0; line-height: 1.45; }
  h1 { font-size: 19pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.1em; }
  .subtitle { text-align: center; font-size: 12pt; margin: 0 0 4mm; }
  h2 { font-size: 12pt; margin: 5mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.2pt solid #1f3a5f; color: #1f3a5f; break-after: avoid; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 0.5pt solid #8a8f98; padding: 1.2mm 1.6mm; vertical-align: top; }
  thead th { background: #e8edf3; font-weight: bold; text-align: center; }
  tr { break-inside: avoid; }
  .meta { width: 100%; margin-bottom: 2mm; }
  .meta td { border: none; padding: 0.4mm 0; font-size: 9pt; }
  .meta td:nth-child(2n) { text-align: right; white-space: nowrap; padding-left: 6mm; }
  .strong { font-weight: bold; }
  .note, .small, .caption { font-size: 8.5pt; color: #444; }
  .caption { margin: 0 0 1.5mm; }
  .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .indicators { font-size: 9pt; }
  .state-missed { color: #b2182b; font-weight: bold; }
  .state-atRisk { color: #b8860b; font-weight: bold; }
  .figure { break-inside: avoid; }
  .map { width: ${MAP_PRINT_WIDTH_MM}mm; display: block; margin: 0 auto; }
  .closing { margin-top: 6mm; font-size: 8.5pt; color: #444; }
`;

const STYLE =
  BASE_STYLE +
  `
  .attributes th { width: 27mm; background: #f3f5f8; text-align: left; font-weight: normal; color: #333; white-space: nowrap; }
  .attributes td { width: 64mm; }
  .areas td { text-align: center; font-size: 11pt; }
  .verdict { border-left: 3mm solid; background: #f6f6f4; padding: 2.5mm 4mm; margin: 4mm 0 1mm; font-size: 11pt; }
  .findings { font-size: 8.6pt; table-layout: fixed; }
  .findings thead th { padding: 1mm 0.8mm; }
  .findings .basis { font-size: 7.8pt; color: #333; }
  .c-no { width: 6mm; } .c-outcome { width: 13mm; } .c-rule { width: 38mm; } .c-zone { width: 31mm; } .c-basis { width: 40mm; }
  .c-m2 { width: 17mm; } .c-mu { width: 13mm; } .c-pct { width: 12mm; } .c-dist { width: 12mm; }
  .badge { color: #fff; padding: 0.3mm 1.6mm; border-radius: 1mm; white-space: nowrap; font-weight: bold; }
  .tag { font-size: 8pt; color: #6d4c00; background: #fff3cd; padding: 0 1mm; }
  .indicators .changed td { background: #fffbea; }
  .corners { font-size: 9pt; }
`;

/** The footer printed on every page (Chromium's header/footer template: inline styles only). */
export function reportFooter(county: string | null): string {
  const where = county ? ` · ${e(county)}` : '';
  return (
    `<div style="font-family:${e(REPORT_FONTS)};font-size:7.5pt;color:#555;width:100%;padding:0 14mm;display:flex;justify-content:space-between">` +
    `<span>${e(REPORT_TITLE.zh)}${where}</span>` +
    '<span>第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</span></div>'
  );
}

/**
 * The report as one self-contained HTML page (no script, no external resource): title, county
 * and date, the proposal's attributes, its area, the verdict, the map, the findings, the plan
 * indicators before and after, and the corner-point list. All text is escaped.
 */
export function reportHtml(content: ReportContent): string {
  const { check, saved } = content;
  const subtitle = saved ? `<p class="subtitle">${e(saved.name)}（第 ${saved.version} 版）</p>` : '';
  const meta =
    '<table class="meta"><tr>' +
    `<td>县（区）：${e(content.county ?? '未载入县界')}</td><td>报告日期：${e(chinaDate(content.printedAt))}</td></tr><tr>` +
    `<td>规则集：${e(check.rulesetId)} 第 ${check.rulesetVersion} 版（${e(content.rulesetTitle)}）</td><td>审查时间：${e(chinaDateTime(new Date(check.checkedAt)))}</td>` +
    `</tr><tr><td colspan="2">矿业权台账：截至 ${e(check.asOf)} 当日结束时</td>` +
    '</tr></table>';
  const period = check.periodEnded ? '<p class="note">规划期已结束：未达到的下限指标按“突破”计。</p>' : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(REPORT_TITLE.zh)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(REPORT_TITLE.zh)}</h1>
${subtitle}
${meta}
${verdictBanner(check)}
<h2>一、拟设采矿权基本情况</h2>
${attributesSection(content.proposal, content.fromCornerList, saved)}
<h2>二、面积</h2>
${areaSection(check)}
<div class="figure"><h2>三、区位示意图</h2>
${content.mapSvg}</div>
<h2>四、审查发现</h2>
${findingsSection(check.findings)}
<h2>五、规划约束性指标（设立前后）</h2>
${indicatorsSection(check.indicators)}
${period}
<h2>六、拐点坐标</h2>
${cornersSection(content.corners)}
<p class="closing">本报告由系统依据现有图层数据与规则集自动生成，供审查参考；结论以主管部门审定意见为准。</p>
</body></html>`;
}
