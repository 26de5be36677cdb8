import type {
  CampaignParcel,
  ClosedMineProgress,
  MilestoneProgress,
  ParcelResponsible,
  RestorationCampaignPlan,
  RestorationCampaignResponse,
  ResponsibleRow,
} from '@mpm/contracts';
import { FOUR_AREAS, isRestored, milestoneState, roundMu as mu, type RestorationStatus } from '@mpm/domain';
import { visibleRanges } from '@mpm/rules';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import { chinaToday } from '../reports/china-time.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { rulesetInForce } from '../rulesets/ruleset-in-force.ts';
import { effectiveBuffers } from '../settings/settings-repository.ts';
import type { CampaignParcelRow } from './restoration-repository.ts';

/** What the campaign view needs: the repositories, the ruleset file, the day, and whether the caller may see the rights' names. */
export interface CampaignContext {
  repos: Pick<Repositories, 'restoration' | 'rulesets' | 'settings'>;
  ruleset: LoadedRuleset;
  asOf?: string;
  /** Staff, or the county publishes the mining rights: licence numbers and mine names may be shown. */
  showRights: boolean;
}

const earlier = (a: string, b: string) => (a < b ? a : b);

/** Who answers for a parcel: its mine, or its township when it has none (责任人灭失). */
function responsibleOf(row: CampaignParcelRow, showRights: boolean): ParcelResponsible {
  if (row.miningRightId === null) return { kind: 'township', townshipCode: row.townshipCode, townshipName: row.townshipName };
  return {
    kind: 'mine',
    miningRightId: row.miningRightId,
    licenceNo: showRights ? row.licenceNo : null,
    mineName: showRights ? row.mineName : null,
  };
}

const responsibleKey = (r: ParcelResponsible) => (r.kind === 'mine' ? `mine:${r.miningRightId}` : `township:${r.townshipCode}`);

/** Each parcel's status on `day`, by id. */
async function statesOn(repos: CampaignContext['repos'], day: string): Promise<Map<number, RestorationStatus>> {
  return new Map((await repos.restoration.parcelStates(day)).map((p) => [p.id, p.status]));
}

/** The 四区两线 parcels against each milestone, judged on its deadline (or `asOf`, while it is ahead). */
async function milestones(repos: CampaignContext['repos'], plan: RestorationCampaignPlan | null, tagged: CampaignParcel[], asOf: string) {
  const result: MilestoneProgress[] = [];
  for (const milestone of plan?.milestones ?? []) {
    const judgedOn = earlier(milestone.deadline, asOf);
    const states = await statesOn(repos, judgedOn);
    const restored = tagged.filter((p) => isRestored(states.get(p.id) ?? 'planned'));
    result.push({
      ...milestone,
      judgedOn,
      parcels: tagged.length,
      areaMu: mu(tagged.reduce((sum, p) => sum + p.areaMu, 0)),
      restoredParcels: restored.length,
      restoredMu: mu(restored.reduce((sum, p) => sum + p.areaMu, 0)),
      state: milestoneState(milestone.requirement, milestone.deadline, asOf, tagged.length, restored.length),
    });
  }
  return result;
}

/**
 * Policy-closed mines of each target's years: a mine is its right, or its parcel when it has
 * none (the campaign's closed brick works have no right left); restored when every one of its
 * parcels of those years is, at the end of the last year (or `asOf`, when earlier).
 */
async function closedMines(repos: CampaignContext['repos'], plan: RestorationCampaignPlan | null, parcels: CampaignParcel[], asOf: string) {
  const result: ClosedMineProgress[] = [];
  for (const target of plan?.closedMineTargets ?? []) {
    const states = await statesOn(repos, earlier(`${target.toYear}-12-31`, asOf));
    const mines = new Map<string, CampaignParcel[]>();
    for (const p of parcels) {
      if (p.category !== 'policyClosed' || p.plannedYear < target.fromYear || p.plannedYear > target.toYear) continue;
      const key = p.responsible.kind === 'mine' ? `mine:${p.responsible.miningRightId}` : `parcel:${p.id}`;
      mines.set(key, [...(mines.get(key) ?? []), p]);
    }
    const restored = [...mines.values()].filter((own) => own.every((p) => isRestored(states.get(p.id) ?? 'planned')));
    const plannedMu = mu([...mines.values()].flat().reduce((sum, p) => sum + p.areaMu, 0));
    result.push({ ...target, plannedMines: mines.size, restoredMines: restored.length, plannedMu });
  }
  return result;
}

/** One row per mine, then one per township for the parcels without a mine, each with its parcels' area and what is restored on `asOf`. */
function byResponsible(parcels: CampaignParcel[]): ResponsibleRow[] {
  const rows = new Map<string, ResponsibleRow>();
  for (const p of parcels) {
    const key = responsibleKey(p.responsible);
    const row = rows.get(key) ?? { responsible: p.responsible, parcels: 0, plannedMu: 0, restoredMu: 0 };
    row.parcels += 1;
    row.plannedMu = mu(row.plannedMu + p.areaMu);
    if (isRestored(p.status)) row.restoredMu = mu(row.restoredMu + p.areaMu);
    rows.set(key, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
}

/**
 * Restoration by mine and by 四区两线 (seed 001) on `asOf` (default: today in China): every
 * current parcel tagged with the 四区 it lies in and the two lines it is in view of (the check's
 * visible ranges under the ruleset in force and the county's buffers), the tagged parcels against
 * the campaign's deadlines, the policy-closed mines against the campaign's counts, and the area
 * restored by mine or, where the responsible party is gone, by township. Reads only.
 */
export async function restorationCampaign(context: CampaignContext): Promise<RestorationCampaignResponse> {
  const { repos } = context;
  const asOf = context.asOf ?? chinaToday();
  const { ruleset } = await rulesetInForce(repos.rulesets, context.ruleset);
  const ranges = visibleRanges(ruleset, effectiveBuffers(ruleset.bufferDefaults, await repos.settings.bufferWidths()));
  const [rows, plan] = await Promise.all([repos.restoration.campaignParcels(FOUR_AREAS, ranges, asOf), repos.restoration.campaignPlan()]);
  const parcels: CampaignParcel[] = rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    category: row.category,
    plannedYear: row.plannedYear,
    areaMu: row.areaMu,
    status: row.status,
    fourAreas: row.fourAreas as CampaignParcel['fourAreas'],
    twoLines: row.twoLines as CampaignParcel['twoLines'],
    responsible: responsibleOf(row, context.showRights),
  }));
  const tagged = parcels.filter((p) => p.fourAreas.length > 0 || p.twoLines.length > 0);
  return {
    asOf,
    visibleRanges: ranges,
    parcels,
    milestones: await milestones(repos, plan, tagged, asOf),
    closedMines: await closedMines(repos, plan, parcels, asOf),
    byResponsible: byResponsible(parcels),
  };
}
