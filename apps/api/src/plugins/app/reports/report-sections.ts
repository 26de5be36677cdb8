import { term, type Mineral } from '@mpm/domain';
import type { CheckResponse, Finding, Indicator, Proposal } from '@mpm/contracts';
import { chinaDateTime } from './china-time.ts';
import { e, fixed } from './html.ts';
import type { CornerTable } from './report-corners.ts';
import { OUTCOME_COLORS } from './report-terms.ts';

/** A saved version's identity, for the report's attributes. */
export interface SavedVersion {
  id: number;
  name: string;
  version: number;
  currentVersion: number;
  createdBy: string;
  createdAt: Date;
  note: string | null;
}

/** One attribute: label, escaped value, and whether it takes a whole row. */
type Cell = [label: string, value: string, wide?: boolean];

/** Attribute cells two to a row (label, value, label, value); wide ones alone on theirs. */
function attributeRows(cells: readonly Cell[]): string {
  const rows: string[] = [];
  let pending: Cell | undefined;
  const pair = (a: Cell, b?: Cell) =>
    `<tr><th>${e(a[0])}</th><td${b ? '' : ' colspan="3"'}>${a[1]}</td>${b ? `<th>${e(b[0])}</th><td>${b[1]}</td>` : ''}</tr>`;
  for (const cell of cells) {
    if (cell[2]) {
      if (pending) rows.push(pair(pending));
      pending = undefined;
      rows.push(pair(cell));
    } else if (pending) {
      rows.push(pair(pending, cell));
      pending = undefined;
    } else {
      pending = cell;
    }
  }
  if (pending) rows.push(pair(pending));
  return rows.join('');
}

/** The proposal's attributes in Chinese, and where the block came from. */
export function attributesSection(proposal: Proposal, fromCornerList: boolean, saved?: SavedVersion): string {
  const latest = saved && (saved.version === saved.currentVersion ? '（最新）' : `（最新为第 ${saved.currentVersion} 版）`);
  const cells: Cell[] = [
    ...(saved
      ? ([
          ['方案名称', e(saved.name), true],
          ['方案编号 / 版本', e(`${saved.id} / 第 ${saved.version} 版${latest}`)],
          ['保存人 / 时间', e(`${saved.createdBy}，${chinaDateTime(saved.createdAt)}`)],
        ] satisfies Cell[])
      : []),
    ['开采矿种', e(term(proposal.mineral))],
    ['设计生产规模', e(`${proposal.capacity10ktPerYear} ${term('unit10ktPerYear')}`)],
    ['申请类型', e(term(proposal.rightKind))],
    ['规模类型', e(proposal.scaleClass ? term(proposal.scaleClass) : '未填写（按小型计）')],
    ['拟设矿业权人', e(proposal.holder ?? '未填写')],
    ['采矿许可证号', e(proposal.licenceNo ?? '—')],
    ['范围来源', e(fromCornerList ? '粘贴的拐点坐标（原文随方案存档）' : '图上绘制或导入的图形'), true],
    ...(saved?.note ? ([['备注', e(saved.note), true]] satisfies Cell[]) : []),
  ];
  return `<table class="attributes">${attributeRows(cells)}</table>`;
}

/** The block's ellipsoidal area in m², 亩, 公顷 and km² (4 decimals). */
export function areaSection(check: CheckResponse): string {
  return (
    '<table class="areas"><thead><tr><th>平方米（m²）</th><th>亩</th><th>公顷（hm²）</th><th>平方千米（km²）</th></tr></thead>' +
    `<tbody><tr><td>${fixed(check.areaM2, 2)}</td><td>${fixed(check.areaMu, 2)}</td><td>${fixed(check.areaHa, 4)}</td>` +
    `<td class="strong">${fixed(check.areaKm2, 4)}</td></tr></tbody></table>` +
    '<p class="note">面积按 CGCS2000 椭球面计算（TD/T 1055-2019 附录 D），平方千米保留 4 位小数。</p>'
  );
}

/** The worst outcome as a coloured banner, with the count of findings per outcome. */
export function verdictBanner(check: CheckResponse): string {
  const worst = check.worstOutcome;
  if (!worst) return '<div class="verdict" style="border-color:#2e7d32"><b>审查结论：未发现冲突</b>（未触及规则集中的任何空间或规划规则）</div>';
  const counts = (Object.keys(OUTCOME_COLORS) as (keyof typeof OUTCOME_COLORS)[])
    .map((o) => [o, check.findings.filter((f) => f.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${term(o)} ${n} 项`);
  const [zh, color] = [term(worst), OUTCOME_COLORS[worst]];
  return `<div class="verdict" style="border-color:${color}"><b>审查结论：<span style="color:${color}">${e(zh)}</span></b>（${e(counts.join('，'))}）</div>`;
}

function distanceCell(f: Finding): string {
  if (f.distanceM === undefined) return '';
  const required = f.requiredDistanceM !== undefined ? `<br><span class="small">应 ≥ ${fixed(f.requiredDistanceM, 0)}</span>` : '';
  return `${fixed(f.distanceM, 1)}${required}`;
}

/** The findings, worst first: outcome, rule, zone, legal basis, overlap (m², 亩, %), distance. */
export function findingsSection(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p>未发现任何问题。</p>';
  const rows = findings.map((f, i) => {
    const [zh, color] = [term(f.outcome), OUTCOME_COLORS[f.outcome]];
    const layer = f.collection ? `<span class="small">${e(term(f.collection))}</span>` : '';
    const zone = [layer, f.featureName ? e(f.featureName) : ''].filter(Boolean).join('<br>');
    const offset = f.possibleBoundaryOffset ? `<br><span class="tag">${e(term('possibleBoundaryOffset'))}</span>` : '';
    return (
      `<tr><td class="num">${i + 1}</td><td><span class="badge" style="background:${color}">${e(zh)}</span></td>` +
      `<td><b>${e(f.title.zh)}</b><br><span class="small">${e(f.message.zh)}</span>${offset}</td>` +
      `<td>${zone}</td><td class="basis">${e(f.legalBasis.zh)}</td>` +
      `<td class="num">${fixed(f.overlapAreaM2, 2)}</td><td class="num">${fixed(f.overlapAreaMu, 2)}</td>` +
      `<td class="num">${fixed(f.overlapPercent, 2)}</td><td class="num">${distanceCell(f)}</td></tr>`
    );
  });
  return (
    '<table class="findings"><colgroup><col class="c-no"><col class="c-outcome"><col class="c-rule"><col class="c-zone"><col class="c-basis">' +
    '<col class="c-m2"><col class="c-mu"><col class="c-pct"><col class="c-dist"></colgroup>' +
    '<thead><tr><th rowspan="2">序</th><th rowspan="2">结论</th><th rowspan="2">规则及说明</th><th rowspan="2">涉及图层及图斑</th>' +
    '<th rowspan="2">依据</th><th colspan="3">与地块重叠</th><th rowspan="2">距离<br>（米）</th></tr>' +
    '<tr><th>m²</th><th>亩</th><th>占比 %</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

const UNIT: Record<Indicator['unit'], string> = { count: '个', percent: '%', '10kt': '万吨/年' };

function indicatorTitle(indicator: Indicator): string {
  const mineral = indicator.id.split('.')[1] as Mineral | undefined;
  return mineral ? `${indicator.title.zh}（${term(mineral)}）` : indicator.title.zh;
}

/** The plan's binding indicators before and after the proposed mine. */
export function indicatorsSection(indicators: CheckResponse['indicators']): string {
  const before = new Map(indicators.before.map((i) => [i.id, i]));
  const rows = indicators.after.map((after) => {
    const prior = before.get(after.id);
    const state = term(after.state);
    const changed = prior && prior.value !== after.value ? ' class="changed"' : '';
    return (
      `<tr${changed}><td>${e(indicatorTitle(after))}</td><td>${after.kind === 'max' ? '不超过' : '不低于'} ${e(after.target)} ${UNIT[after.unit]}</td>` +
      `<td class="num">${prior ? e(prior.value) : ''}</td><td class="num">${e(after.value)}</td>` +
      `<td class="state-${after.state}">${e(state)}</td></tr>`
    );
  });
  return (
    '<table class="indicators"><thead><tr><th>约束性指标</th><th>规划目标</th><th>现状</th><th>设立后</th><th>设立后状态</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** The corner-point list: 点号, X, Y (3° zone, with prefix), longitude and latitude in DMS. */
export function cornersSection(corners: CornerTable): string {
  if (!corners.ok) return `<p>无法生成拐点坐标：${e(corners.message.zh)}</p>`;
  const multi = corners.rows.some((r) => r.block > 1 || r.ring > 1);
  const head = `${multi ? '<th>块段</th><th>圈号</th>' : ''}<th>点号</th><th>X（m）</th><th>Y（m）</th><th>经度</th><th>纬度</th>`;
  const rows = corners.rows.map(
    (r) =>
      `<tr>${multi ? `<td class="num">${r.block}</td><td class="num">${r.ring}</td>` : ''}<td class="num">${e(r.label)}</td>` +
      `<td class="num">${r.x}</td><td class="num">${r.y}</td><td class="num">${e(r.lon)}</td><td class="num">${e(r.lat)}</td></tr>`,
  );
  return (
    `<p class="caption">${e(corners.title)}，EPSG:${corners.epsg}</p>` +
    `<table class="corners"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}
