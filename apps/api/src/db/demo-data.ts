import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { COLLECTION_IDS, type CollectionId } from '@mpm/domain';
import type { Repositories } from '../plugins/app/repositories.plugin.ts';
import type { FeatureInput } from '../plugins/app/layers/layers-repository.ts';
import type { GreenMineInput, SanctionInput } from '../plugins/app/sweep/sweep-registers-repository.ts';
import { legacyProgress } from '../plugins/app/restoration/legacy-progress.ts';
import { XINBIN_CAMPAIGNS } from '../plugins/app/campaigns/xinbin-campaigns.ts';
import { recordDemoReports } from '../plugins/app/campaigns/demo-reports.ts';
import { chinaToday } from '../plugins/app/reports/china-time.ts';
import { XINBIN_CAMPAIGN, XINBIN_PERIOD, XINBIN_STATED_TOTALS, XINBIN_TARGETS } from '../plugins/app/restoration/xinbin-targets.ts';

/** Load order: townships before the parcels that reference them, rights before patches. */
const LOAD_ORDER: readonly CollectionId[] = COLLECTION_IDS;

/** Reads `dir/<collection>.geojson` for every collection that has a file. */
export function readDemoFiles(dir: string): Map<CollectionId, FeatureInput[]> {
  const files = new Map<CollectionId, FeatureInput[]>();
  for (const id of LOAD_ORDER) {
    const file = path.join(dir, `${id}.geojson`);
    if (!fs.existsSync(file)) continue;
    const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as GeoJSON.FeatureCollection;
    files.set(
      id,
      collection.features.map((f) => ({ geometry: f.geometry, properties: { ...(f.properties ?? {}) } })),
    );
  }
  return files;
}

/**
 * Progress records for the demo parcels, derived from the file's `restorationStatus` and
 * `completedOn` (see `legacyProgress`: the start date and the whole area done are inferred, and
 * each record's note says so). Returns how many were made.
 */
async function loadDemoProgress(trx: Knex.Transaction, repos: Repositories, parcels: FeatureInput[]): Promise<number> {
  const byCode = await repos.restoration.parcelIdsByCode(trx);
  let made = 0;
  for (const { properties } of parcels) {
    const parcel = byCode.get(String(properties.code));
    if (!parcel) throw new Error(`demo parcel ${String(properties.code)} was not loaded`);
    const records = legacyProgress({
      plannedYear: Number(properties.plannedYear),
      status: properties.restorationStatus as Parameters<typeof legacyProgress>[0]['status'],
      completedOn: (properties.completedOn as string | null | undefined) ?? null,
      areaMu: parcel.areaMu,
      fallbackDate: `${Number(properties.plannedYear)}-12-31`,
    });
    for (const record of records) {
      await repos.restoration.append(parcel.id, { ...record, recordedBy: null }, trx);
      made += 1;
    }
  }
  return made;
}

/** The demo's sanction list and green-mine directory (`sweep-registers.json`, issue #15). */
interface DemoRegisters {
  sanctions: SanctionInput[];
  greenMines: (Omit<GreenMineInput, 'miningRightId'> & { licenceNo: string })[];
}

/** Loads the sweep's registers when the demo has them; returns how many listings were made. */
async function loadDemoRegisters(trx: Knex.Transaction, repos: Repositories, dir: string) {
  const file = path.join(dir, 'sweep-registers.json');
  if (!fs.existsSync(file)) return undefined;
  const registers = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoRegisters;
  const { sanctions, greenMines } = repos.sweepRegisters;
  for (const sanction of registers.sanctions) await sanctions.insert(sanction, null, trx);
  for (const { licenceNo, ...listing } of registers.greenMines) {
    const miningRightId = await greenMines.rightIdOf(licenceNo, trx);
    if (miningRightId === undefined) throw new Error(`demo green mine ${licenceNo} is not a demo mining right`);
    await greenMines.insert({ ...listing, miningRightId }, null, trx);
  }
  return { sanctions: registers.sanctions.length, greenMines: registers.greenMines.length };
}

/**
 * The demo's parcels name the mine they belong to by its licence number (`licenceNo`, null for a
 * closed or abandoned site whose responsible party is gone); the register keeps the right's id.
 * The mining rights load first (catalogue order).
 */
async function linkParcelsToMines(trx: Knex.Transaction, repos: Repositories, parcels: FeatureInput[]): Promise<void> {
  const ids = await repos.restoration.miningRightIdsByLicence(trx);
  for (const { properties } of parcels) {
    if (!('licenceNo' in properties)) continue;
    const licence = properties.licenceNo;
    delete properties.licenceNo;
    if (licence === null || licence === undefined) continue;
    const id = ids.get(String(licence));
    if (id === undefined) throw new Error(`demo parcel ${String(properties.code)}: no mining right ${String(licence)}`);
    properties.miningRightId = id;
  }
}

/**
 * Loads the demo county; call it inside a transaction (`trx`) so that it is all or nothing.
 * With the restoration parcels come their progress records and the Xinbin targets (seed 001),
 * and the Xinbin campaigns (seeds 000, 001, 003) with their tasks and reporting rhythm, and the
 * reports a bureau would have sent by today (all on their day but the closing ones: demo-reports.ts).
 * Returns the number of features loaded per collection.
 */
export async function loadDemoCounty(trx: Knex.Transaction, repos: Repositories, dir: string) {
  const files = readDemoFiles(dir);
  if (files.size === 0) throw new Error(`no demo data found in ${dir}`);
  const counts: Partial<Record<CollectionId, number>> = {};
  for (const [id, features] of files) {
    if (id === 'restoration_parcels') await linkParcelsToMines(trx, repos, features);
    await repos.layers.insert(id, features, trx);
    counts[id] = features.length;
  }
  const parcels = files.get('restoration_parcels');
  const restoration = parcels
    ? {
        progressRecords: await loadDemoProgress(trx, repos, parcels),
        targets: XINBIN_TARGETS.length,
        statedTotals: XINBIN_STATED_TOTALS.length,
      }
    : undefined;
  if (parcels) {
    await repos.restoration.setPeriod(XINBIN_PERIOD, null, trx);
    await repos.restoration.replaceTargets(XINBIN_TARGETS, XINBIN_STATED_TOTALS, trx);
    await repos.restoration.setCampaignPlan(XINBIN_CAMPAIGN, null, trx);
  }
  // The demo county has no campaigns of its own: it borrows Xinbin's (seeds 000, 001, 003), and says so.
  const campaignTasks = await repos.campaigns.insertCampaigns(XINBIN_CAMPAIGNS, trx);
  const campaignReports = await recordDemoReports(repos.campaigns, chinaToday(), trx);
  const registers = await loadDemoRegisters(trx, repos, dir);
  await repos.audit.record({ userId: null, action: 'load_demo', entity: 'dataset', detail: { counts, restoration, campaignTasks, campaignReports, registers } }, trx);
  return counts;
}
