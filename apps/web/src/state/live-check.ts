import { areaReport, ellipsoidalAreaM2, outsideCountyReason, tooSmallBlockReason, type AreaReport, type LonLatBox } from '@mpm/geo';
import { MINERALS, SCALE_CLASSES, type Mineral } from '@mpm/domain';
import {
  evaluate,
  measurementRequest,
  OUTCOMES,
  planYears,
  worstOutcome,
  type BlockGeometry,
  type Finding,
  type MineRecord,
  type Outcome,
  type Verdict,
} from '@mpm/rules';
import { browserEngine, type BrowserEngine, type MeasurementError } from '../plan/engine.ts';
import { readProposal, usePlan, type ProposalDraft } from './plan-store.ts';
import { useServerData, type PlanData, type PlanLayers } from './server-store.ts';
import { useBlockLimits, type BlockLimits } from './block-limits.ts';

/** A part of the block inside a zone that a finding is about, as the map highlights it. */
export type HighlightCollection = GeoJSON.FeatureCollection<
  GeoJSON.Polygon | GeoJSON.MultiPolygon,
  { outcome: Outcome; collection: string; featureId: number }
>;

/** The browser's provisional check of the block: approximate, the server has the last word. */
export interface LiveCheck {
  /** The block's area as the browser measured it (ellipsoidal, but over the browser's copy of the data). */
  area: AreaReport;
  /** Findings and indicators; null while the proposal form is incomplete. */
  verdict: (Verdict & { worst: Outcome | null }) | null;
  /** Overlaps that some finding is about, worst outcome per part. */
  highlight: HighlightCollection;
  /** What the browser could not measure: a finding may be missing there. */
  errors: MeasurementError[];
  /**
   * The server's refusal of a block far from the county or below its minimum block area (its own
   * words): then nothing else is judged.
   */
  refusal?: { zh: string; en: string };
}

/** A block's extent `[west, south, east, north]`. */
function boxOf(block: BlockGeometry): LonLatBox {
  const positions = (block.type === 'Polygon' ? [block.coordinates] : block.coordinates).flat(2);
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The existing mines, for the indicators: mining rights not revoked. */
export function minesOf(layers: PlanLayers): MineRecord[] {
  return (layers.mining_rights?.features ?? []).flatMap((feature): MineRecord[] => {
    const p = feature.properties ?? {};
    if (p.rightStatus === 'revoked' || !MINERALS.includes(p.mineral as Mineral)) return [];
    const scaleClass = SCALE_CLASSES.find((c) => c === p.scaleClass) ?? 'small';
    const capacity = Number(p.capacity10ktPerYear);
    return [{ mineral: p.mineral as Mineral, scaleClass, capacity10ktPerYear: Number.isFinite(capacity) ? capacity : 0 }];
  });
}

const severity = (outcome: Outcome) => OUTCOMES.indexOf(outcome);

/** The overlap parts that findings are about, each with the worst outcome found for its feature. */
function highlightOf(overlaps: ReturnType<BrowserEngine['measureWithOverlaps']>['overlaps'], findings: readonly Finding[]): HighlightCollection {
  const worst = new Map<string, Outcome>();
  for (const f of findings) {
    if (f.collection === undefined || f.featureId === undefined || !(f.overlapAreaM2! > 0)) continue;
    const key = `${f.collection}/${f.featureId}`;
    const known = worst.get(key);
    if (!known || severity(f.outcome) < severity(known)) worst.set(key, f.outcome);
  }
  return {
    type: 'FeatureCollection',
    features: overlaps.flatMap((part) => {
      const outcome = worst.get(`${part.collection}/${part.featureId}`);
      if (!outcome) return [];
      return [{ type: 'Feature' as const, geometry: part.geometry, properties: { outcome, collection: part.collection, featureId: part.featureId } }];
    }),
  };
}

const NO_LIMITS: BlockLimits = { county: null, minBlockAreaM2: 0 };

/** The live check of one block on `today`; pure apart from the engine it is given. */
export function computeLiveCheck(
  data: PlanData,
  engine: BrowserEngine,
  block: BlockGeometry,
  draft: ProposalDraft,
  today: Date,
  limits: BlockLimits = NO_LIMITS,
): LiveCheck {
  const areaM2 = ellipsoidalAreaM2(block);
  // In the server's order: far from the county first, then too small.
  const refusal = outsideCountyReason(boxOf(block), limits.county) ?? tooSmallBlockReason(areaM2, limits.minBlockAreaM2);
  if (refusal) return { area: areaReport(areaM2), verdict: null, highlight: { type: 'FeatureCollection', features: [] }, errors: [], refusal };
  const { measurements, overlaps } = engine.measureWithOverlaps(block, measurementRequest(data.ruleset, data.buffers));
  const proposal = readProposal(draft);
  const verdict = proposal
    ? evaluate({ ruleset: data.ruleset, buffers: data.buffers, proposal, measurements, mines: minesOf(data.layers), ...planYears(data.ruleset, today) })
    : null;
  return {
    area: areaReport(measurements.blockAreaM2),
    verdict: verdict ? { ...verdict, worst: worstOutcome(verdict.findings) } : null,
    highlight: highlightOf(overlaps, verdict?.findings ?? []),
    errors: measurements.errors,
  };
}

/** One-entry caches: the same inputs give the same objects to every component that asks. */
let engineCache: { data: PlanData; engine: BrowserEngine } | null = null;
let checkCache: { data: PlanData; block: BlockGeometry; draft: ProposalDraft; county: LonLatBox | null; minBlockAreaM2: number; result: LiveCheck | null } | null =
  null;

function engineFor(data: PlanData): BrowserEngine {
  if (engineCache?.data !== data) engineCache = { data, engine: browserEngine(data) };
  return engineCache.engine;
}

/**
 * The selector: the live check of the current block against the loaded plan data, or null
 * when there is no block or no data yet. Recomputed only when one of its inputs changes.
 */
export function selectLiveCheck(data: PlanData | null, block: BlockGeometry | null, draft: ProposalDraft, limits: BlockLimits = NO_LIMITS): LiveCheck | null {
  if (!data || !block) return null;
  const { county, minBlockAreaM2 } = limits;
  const cached = checkCache;
  if (cached && cached.data === data && cached.block === block && cached.draft === draft && cached.county === county && cached.minBlockAreaM2 === minBlockAreaM2) {
    return cached.result;
  }
  let result: LiveCheck | null;
  try {
    result = computeLiveCheck(data, engineFor(data), block, draft, new Date(), limits);
  } catch (err) {
    // A geometry the engine cannot handle must not take the page down; the server still checks it.
    console.warn('live check failed', err);
    result = null;
  }
  checkCache = { data, block, draft, county, minBlockAreaM2, result };
  return result;
}

/** The live check for components (the plan panel, the map's highlight layer). */
export function useLiveCheck(): LiveCheck | null {
  const data = useServerData((s) => s.plan.data);
  const block = usePlan((s) => s.block?.geometry ?? null);
  const draft = usePlan((s) => s.proposal);
  return selectLiveCheck(data, block, draft, useBlockLimits());
}
