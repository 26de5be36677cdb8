import type { CheckBody, CheckResponse } from '@mpm/contracts';
import { areaReport, ellipsoidalAreaM2, parseCornerList, tooSmallBlockReason, type CornerListResult } from '@mpm/geo';
import { evaluate, planYears, worstOutcome, type BlockGeometry } from '@mpm/rules';
import { UserError, badRequest, type Bilingual } from '../../../http/errors.ts';
import type { Repositories } from '../repositories.plugin.ts';
import type { BBox } from '../layers/layers-repository.ts';
import { validateBlockGeometry, MAX_BLOCK_VERTICES, type CheckedBlock } from './block-geometry.validation.ts';
import type { ChecksRepository } from './checks-repository.ts';
import {
  BLOCK_MESSAGES as M,
  INVALID_CORNER_LIST,
  BLOCK_TOO_SMALL,
  INVALID_RING,
  NEITHER_OR_BOTH,
  PARTS_OVERLAP,
  TOO_MANY_VERTICES,
  type Validation,
} from './block-reasons.ts';
import { validateBlockTopology } from './block-topology.validation.ts';
import { validateNearCounty } from './near-county.validation.ts';
import { checkInputs, heldCheckInputs, inputsStateOf, stateKey, type CheckInputs } from './check-inputs.ts';
import type { CheckInputsState } from './checks-repository.ts';
import type { LoadedRuleset } from './ruleset.ts';
import { chinaToday, endOfChinaDay } from '../reports/china-time.ts';

/** What a check needs from the app. */
export interface CheckContext {
  repos: Pick<Repositories, 'checks' | 'rulesets'>;
  /** The ruleset file; the check runs under its register's version in force. */
  ruleset: LoadedRuleset;
  /** The check date (decides whether the plan period is over). */
  now: Date;
  /**
   * A past day (`YYYY-MM-DD`, China time, before today): measure the licence register as it stood
   * at its end, and judge the plan period on that day. The other layers and the ruleset as they stand.
   */
  asOf?: string;
}

/** Most corner-list problems quoted in one answer. */
const MAX_QUOTED = 5;

function orThrow<T>(validation: Validation<T>): T {
  if (!validation.valid) throw badRequest(validation.reason, validation.message);
  return validation.value;
}

/** Parses a corner list with `@mpm/geo`, answering 400 with its placed messages (line, 点号). */
export function cornerListBlock({ text, zone }: NonNullable<CheckBody['cornerList']>) {
  // The parser checks crossings in O(n²): refuse oversized lists before it runs.
  if (text.split('\n').length > MAX_BLOCK_VERTICES + 100) throw badRequest(TOO_MANY_VERTICES, M.tooManyVertices(MAX_BLOCK_VERTICES));
  const stated = zone === undefined ? undefined : { zone, widthDeg: zone <= 23 ? (6 as const) : (3 as const) };
  const result: CornerListResult = parseCornerList(text, { zone: stated });
  if (result.ok) return result.value;
  const quoted = result.errors.slice(0, MAX_QUOTED).map((e) => e.message);
  const more = result.errors.length - quoted.length;
  const message: Bilingual = {
    zh: `拐点坐标有误：${quoted.map((m) => m.zh).join('；')}${more > 0 ? `；另有 ${more} 处问题` : ''}`,
    en: `The corner list has problems: ${quoted.map((m) => m.en).join('; ')}${more > 0 ? `; ${more} more` : ''}`,
  };
  throw badRequest(INVALID_CORNER_LIST, message);
}

/** Checks a block in code before SQL sees it (structure and coordinates, the county, crossings); throws a 400 otherwise. */
function checkedInCode(input: unknown, countyBbox: BBox | null, crossingsChecked: boolean): CheckedBlock {
  const block = orThrow(validateBlockGeometry(input, { countyBbox }));
  orThrow(validateNearCounty(block.bbox, countyBbox));
  if (!crossingsChecked) orThrow(validateBlockTopology(block.geometry));
  return block;
}

/** Answers 400 for a block GEOS found invalid (`reason`, its words), as overlapping parts or a crossing ring. */
function refuseInvalid(geometry: CheckedBlock['geometry'], reason: string | null) {
  if (reason === null) return;
  if (geometry.type === 'MultiPolygon' && geometry.coordinates.length > 1) throw badRequest(PARTS_OVERLAP, M.partsOverlap());
  throw badRequest(INVALID_RING, {
    zh: `地块的边界在厘米以下的尺度上自相交或重叠（GEOS：${reason}）。`,
    en: `The block's boundary crosses or overlaps itself below the centimetre (GEOS: ${reason}).`,
  });
}

/**
 * Checks a block before SQL sees it (structure and coordinates, the county, crossings), then
 * asks GEOS for the finer verdict. `crossingsChecked`: the block comes from a corner list whose
 * parser ran the same crossing checks. Returns the block unchanged; throws a 400 otherwise.
 */
export async function validatedBlock(
  checks: Pick<ChecksRepository, 'invalidityReason'>,
  input: unknown,
  countyBbox: BBox | null,
  crossingsChecked = false,
): Promise<CheckedBlock> {
  const block = checkedInCode(input, countyBbox, crossingsChecked);
  refuseInvalid(block.geometry, await checks.invalidityReason(block.geometry));
  return block;
}

/** The block of a check, every input checked in code before SQL sees it (400s otherwise). */
function blockInCode(body: CheckBody, inputs: CheckInputs) {
  if ((body.geometry === undefined) === (body.cornerList === undefined)) throw badRequest(NEITHER_OR_BOTH, M.neitherOrBoth());
  const cornerList = body.cornerList ? cornerListBlock(body.cornerList) : undefined;
  const block = checkedInCode(cornerList ? cornerList.geometry : body.geometry, inputs.countyBbox, !!cornerList);
  return { block, cornerList };
}

/**
 * The block of a check, measured: GEOS's finer verdict, the measurements and the state the inputs
 * stand on in one round trip (the measuring statement), then the county's minimum block area (the
 * browser's live check says the same); the 400s in that order. Returns the block as given
 * (GeoJSON) or as parsed (corner list), unchanged, with its measurements; or, when `inputs` are not
 * yet known to stand and the state the measuring saw is not theirs, that state instead (nothing
 * refused).
 */
async function measuredBlock(context: CheckContext, { block, cornerList }: ReturnType<typeof blockInCode>, inputs: CheckInputs, confirmed: boolean) {
  const geometry = block.geometry as BlockGeometry;
  const engine = context.repos.checks.engine(inputs.inForce.ruleset.sliverToleranceM2, context.asOf);
  const [{ invalidReason, measurements, inputsState }, mines] = await Promise.all([
    engine.validAndMeasured(geometry, inputs.request, inputsStateOf(context.ruleset)),
    context.asOf === undefined ? inputs.mines : context.repos.checks.mines(context.asOf),
  ]);
  if (!confirmed && inputsState && stateKey(inputsState) !== inputs.stateKey) return { moved: inputsState };
  refuseInvalid(block.geometry, invalidReason);
  const tooSmall = tooSmallBlockReason(ellipsoidalAreaM2(geometry), inputs.minBlockAreaM2);
  if (tooSmall) throw badRequest(BLOCK_TOO_SMALL, tooSmall);
  return { measured: { geometry, cornerList, measurements, mines } };
}

/**
 * The inputs a check runs under and its block measured (issue #13: one round trip for both, not
 * two). First under the inputs last made, unconfirmed: the measuring statement reads the state
 * they stand on, and if it moved (a write by any path) the block is measured again under inputs
 * made from that state. A block refused in code under unconfirmed inputs (they hold the county's
 * extent) is checked again under inputs read first, as at a first check: no 400 comes from inputs
 * that no longer stand.
 */
async function inputsAndMeasured(context: CheckContext, body: CheckBody) {
  const held = heldCheckInputs(context, context.ruleset);
  let known: CheckInputsState | undefined;
  if (held) {
    const inputs = await held;
    let checked: ReturnType<typeof blockInCode> | undefined;
    try {
      checked = blockInCode(body, inputs);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
    }
    if (checked) {
      const result = await measuredBlock(context, checked, inputs, false);
      if (result.measured) return { inputs, ...result.measured };
      known = result.moved;
    }
  }
  const inputs = await checkInputs(context, context.ruleset, known);
  const { measured } = await measuredBlock(context, blockInCode(body, inputs), inputs, true);
  return { inputs, ...measured! };
}

/**
 * The planner's (and inspector's) check: validate the block, measure it against the county's
 * layers in PostGIS, and turn the measurements into findings and indicators with the one
 * verdict logic of `@mpm/rules`, under the ruleset in force (its version answered with the
 * findings). Reads only; writes nothing.
 */
export async function runCheck(context: CheckContext, body: CheckBody): Promise<CheckResponse> {
  const { inputs, geometry, cornerList, measurements, mines } = await inputsAndMeasured(context, body);
  const { inForce: { ruleset, version }, buffers, indicators } = inputs;
  const { asOf } = context;
  const years = planYears(ruleset, asOf ? endOfChinaDay(asOf) : context.now);
  const { periodEnded } = years;
  const verdict = evaluate({ ruleset: { ...ruleset, indicators }, buffers, proposal: body.proposal, measurements, mines, ...years });
  return {
    ...areaReport(measurements.blockAreaM2),
    geometry,
    ...(cornerList && { cornerList: { format: cornerList.format, epsg: cornerList.epsg } }),
    findings: verdict.findings,
    indicators: verdict.indicators,
    worstOutcome: worstOutcome(verdict.findings),
    rulesetId: ruleset.id,
    rulesetVersion: version.version,
    periodEnded,
    checkedAt: context.now.toISOString(),
    asOf: asOf ?? chinaToday(context.now),
  };
}
