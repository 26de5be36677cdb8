import { measurementRequest, type MeasurementRequest, type MineRecord, type PlanIndicatorTargets } from '@mpm/rules';
import type { BufferSettings } from '@mpm/contracts';
import type { Repositories } from '../repositories.plugin.ts';
import type { BBox } from '../layers/layers-repository.ts';
import { rulesetInForce, type RulesetInForce } from '../rulesets/ruleset-in-force.ts';
import {
  BLOCKS_KEY,
  BUFFERS_KEY,
  INDICATORS_KEY,
  effectiveBuffers,
  effectiveIndicators,
  storedBlockSettings,
  storedBufferWidths,
  storedIndicatorTargets,
} from '../settings/settings-repository.ts';
import type { LoadedRuleset } from './ruleset.ts';
import type { CheckInputsState, InputsStateOf } from './checks-repository.ts';

/** What every check reads that rarely changes: made once per state of the data it comes from. */
export interface CheckInputs {
  countyBbox: BBox | null;
  /** The county's minimum block area (its block settings). */
  minBlockAreaM2: number;
  inForce: RulesetInForce;
  buffers: BufferSettings;
  indicators: PlanIndicatorTargets;
  /** What to measure around a block, from the ruleset in force and the widths. */
  request: MeasurementRequest;
  /** The existing mines for the indicators (the register as it stands). */
  mines: MineRecord[];
  /** What they were made from ({@link stateKey} of its {@link CheckInputsState}). */
  stateKey: string;
}

type Context = { repos: Pick<Repositories, 'checks' | 'rulesets'> };

/** The inputs last made, per checks repository (one per app), with the state and ruleset file they were made from. */
const held = new WeakMap<object, { key: string; file: LoadedRuleset; inputs: Promise<CheckInputs> }>();

const parsed = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** Whose state a check's inputs stand on, under the ruleset file `file`. */
export const inputsStateOf = (file: LoadedRuleset): InputsStateOf => ({
  rulesetId: file.id,
  settingsKeys: { buffers: BUFFERS_KEY, indicators: INDICATORS_KEY, blocks: BLOCKS_KEY },
});

/** A state as one string, the same however it was read (alone, or as JSON inside the measuring statement). */
export const stateKey = (state: CheckInputsState): string =>
  JSON.stringify([state.revisions, state.rulesetVersion === null ? null : String(state.rulesetVersion), state.buffers, state.indicators, state.blocks]);

/**
 * The inputs last made under `file`, without asking whether they still stand (the measuring
 * statement reads the state they stand on in the same round trip: see `run-check.ts`); undefined
 * before the first check.
 */
export function heldCheckInputs({ repos }: Context, file: LoadedRuleset): Promise<CheckInputs> | undefined {
  const last = held.get(repos.checks);
  return last && last.file === file ? last.inputs : undefined;
}

/**
 * The check's inputs under the ruleset file `file` (issue #13): the county's extent, the ruleset
 * in force, the effective widths and indicator targets, the minimum block area, the measurement
 * request and the mines.
 * They stand on the county's and the mining rights' data revisions, the ruleset's newest version and
 * the stored settings: read in one small query, or given as `known` (as the measuring statement
 * read them); they are made again only when that moved, so a write (by this process or any other,
 * by any path: the revisions move in the writer's transaction) is seen by the next check. Checks
 * arriving together share one making.
 */
export async function checkInputs({ repos }: Context, file: LoadedRuleset, known?: CheckInputsState): Promise<CheckInputs> {
  const state = known ?? (await repos.checks.inputsState(file.id, inputsStateOf(file).settingsKeys));
  const key = stateKey(state);
  const last = held.get(repos.checks);
  if (last && last.key === key && last.file === file) return last.inputs;
  const inputs = (async (): Promise<CheckInputs> => {
    const [countyBbox, inForce, mines] = await Promise.all([repos.checks.countyExtent(), rulesetInForce(repos.rulesets, file), repos.checks.mines()]);
    const { ruleset } = inForce;
    const buffers = effectiveBuffers(ruleset.bufferDefaults, storedBufferWidths(parsed(state.buffers)));
    const indicators = effectiveIndicators(ruleset.indicators, storedIndicatorTargets(parsed(state.indicators)));
    const { minBlockAreaM2 } = storedBlockSettings(parsed(state.blocks));
    return { countyBbox, minBlockAreaM2, inForce, buffers, indicators, request: measurementRequest(ruleset, buffers), mines, stateKey: key };
  })();
  const entry = { key, file, inputs };
  held.set(repos.checks, entry);
  inputs.catch(() => {
    if (held.get(repos.checks) === entry) held.delete(repos.checks);
  });
  return inputs;
}
