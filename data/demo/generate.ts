import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { COLLECTION_IDS, type CollectionId } from '@mpm/domain';
import { buildAdmin } from './admin.ts';
import { assertApart, assertWithin } from './checks.ts';
import type { Context } from './context.ts';
import { createLocalFrame } from './frame.ts';
import { containsPosition, outsideM2, overlapM2 } from './geometry.ts';
import { buildLandClasses } from './land-classes.ts';
import { buildLines } from './lines.ts';
import { serializeCollection, writeText } from './output.ts';
import { buildChangePatches, KIN_PATCHES, PATCHES, type PatchClass } from './patches.ts';
import { buildPlan } from './plan.ts';
import { buildProtection } from './protection.ts';
import { createRandom } from './random.ts';
import { buildRestorationParcels } from './restoration.ts';
import { buildSweepRegisters } from './registers.ts';
import { buildRights, SWEEP_ZONE_SCENARIOS } from './rights.ts';
import type { AreaGeometry, Feature, Polygon } from './types.ts';

/** Seed of the random stream: change it and every synthetic shape changes. */
const SEED = 621025;
/** Seed of the land classes' own stream (issue #15), so that adding them moved nothing else. */
const LAND_CLASS_SEED = 621026;
/** Seed of the stream issue #15's patches (以采代探 and its kin) draw on. */
const KIN_PATCH_SEED = 621040;

/** Centre of the demo county (about where Zhengning county lies), lon/lat. */
const ORIGIN: [number, number] = [108.45, 35.47];

/** The whole demo dataset: one feature list per collection, and the intended patch classes. */
export interface DemoDataset {
  layers: Record<CollectionId, Feature[]>;
  expectedPatchClasses: Record<string, PatchClass>;
}

/** Throws unless every feature lies inside the county (areas up to rounding noise). */
function assertInsideCounty(county: Polygon, layers: Record<CollectionId, Feature[]>): void {
  for (const id of COLLECTION_IDS) {
    if (id === 'county') continue;
    for (const f of layers[id]) {
      const g = f.geometry;
      if (g.type === 'LineString' || g.type === 'MultiLineString') {
        const positions = g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
        if (!positions.every((p) => containsPosition(county, p))) throw new Error(`${id}: a line leaves the county`);
      } else if (outsideM2(g, county) > 0.5) {
        throw new Error(`${id}: ${String(f.properties.name ?? f.properties.code)} leaves the county`);
      }
    }
  }
}

/** Builds the demo dataset from the fixed seed; pure apart from the seeded random stream. */
export function buildDataset(): DemoDataset {
  const frame = createLocalFrame(ORIGIN);
  const random = createRandom(SEED);
  const { county, townships } = buildAdmin(frame, random);
  const context: Context = { frame, random, county: county.geometry, townships };
  const protection = buildProtection(context);
  const plan = buildPlan(context, protection);
  const rights = buildRights(context, plan.explorationBlocks);
  const restorationParcels = buildRestorationParcels(context, rights.miningRights);
  const targets = { ...rights, ...protection, restorationParcels };
  const licencePatches = buildChangePatches(context, targets, PATCHES);
  const lines = buildLines(context);
  const land = buildLandClasses({ ...context, random: createRandom(LAND_CLASS_SEED) });
  // Issue #15's patches draw on a stream of their own: the shapes built before them stay as they were.
  const kinPatches = buildChangePatches({ ...context, random: createRandom(KIN_PATCH_SEED) }, targets, KIN_PATCHES, PATCHES.length + 1);
  const changePatches = [...licencePatches.changePatches, ...kinPatches.changePatches];
  const expectedClasses = { ...licencePatches.expectedClasses, ...kinPatches.expectedClasses };
  const layers: Record<CollectionId, Feature[]> = {
    county: [county],
    townships,
    concentrated_zones: plan.concentratedZones,
    mining_blocks: plan.miningBlocks,
    exploration_blocks: plan.explorationBlocks,
    mining_zoning: plan.miningZoning,
    eco_redline: protection.ecoRedline,
    farmland: protection.farmland,
    urban_development_boundary: land.urban,
    forest_land: land.forest,
    grassland: land.grassland,
    wetland: land.wetland,
    nature_reserves: protection.natureReserves,
    water_sources: protection.waterSources,
    scenic_areas: protection.scenicAreas,
    residential_areas: protection.residentialAreas,
    roads: lines.roads,
    railways: lines.railways,
    rivers: lines.rivers,
    mining_rights: rights.miningRights,
    exploration_rights: rights.explorationRights,
    restoration_parcels: restorationParcels,
    change_patches: changePatches,
  };
  assertInsideCounty(county.geometry, layers);
  const notOnParcels = changePatches.filter((p) => expectedClasses[String(p.properties.code)] !== 'cover_mining');
  assertPlausible(plan, protection, land, rights, restorationParcels, notOnParcels);
  // The land classes sit apart from every other area the demo's checks, patches and parcels rely
  // on, so that each finding the tests pin about them comes from them alone.
  // The town's closed brick works (城郊关闭砖厂) lies inside its urban development boundary, as such
  // sites do: parcels are kept apart from the land classes only.
  const landClasses = [...land.urban, ...land.forest, ...land.grassland, ...land.wetland];
  assertApart([...land.forest, ...land.grassland, ...land.wetland], restorationParcels, 100);
  assertApart(landClasses, [
    ...plan.concentratedZones,
    ...plan.miningBlocks,
    ...plan.explorationBlocks,
    ...rights.miningRights.filter((_, i) => !SWEEP_ZONE_SCENARIOS.some((s) => s.right === i)),
    ...rights.explorationRights,
    ...protection.farmland,
    ...protection.ecoRedline,
    ...protection.natureReserves,
    ...protection.waterSources,
    ...protection.scenicAreas,
  ], 100);
  // Two land classes reach a pit's edge for the sweep (SWEEP_ZONE_SCENARIOS): the pit's patches, inside it, stay 20 m off.
  assertApart(landClasses, changePatches, 20);
  return { layers, expectedPatchClasses: expectedClasses };
}

/** Cross-layer sanity: nothing the demo relies on sits where a real plan would forbid it. */
function assertPlausible(
  plan: ReturnType<typeof buildPlan>,
  protection: ReturnType<typeof buildProtection>,
  land: ReturnType<typeof buildLandClasses>,
  rights: ReturnType<typeof buildRights>,
  parcels: readonly Feature<AreaGeometry>[],
  /** The change patches, but the one meant to lie on a restoration parcel. */
  patches: readonly Feature<AreaGeometry>[],
): void {
  const zoning = plan.miningZoning;
  const notKey = zoning.filter((z) => z.properties.zoningClass !== 'keyMining');
  const strictlyProtected = [...protection.ecoRedline, ...protection.natureReserves, ...protection.waterSources];
  const fourAreas = [...strictlyProtected, ...protection.scenicAreas, ...protection.residentialAreas];
  assertApart(zoning, zoning);
  // The sweep's scenario pits reach into their one zone on purpose (see SWEEP_ZONE_SCENARIOS).
  const scenario = new Set<number>(SWEEP_ZONE_SCENARIOS.map((s) => s.right));
  const apartRights = rights.miningRights.filter((_, i) => !scenario.has(i));
  assertApart([...plan.concentratedZones, ...apartRights], [...notKey, ...fourAreas]);
  assertApart(protection.farmland, [...plan.concentratedZones, ...apartRights, ...parcels, ...patches]);
  const targets = {
    ecoRedline: protection.ecoRedline,
    residentialArea: protection.residentialAreas,
    permanentFarmland: protection.farmland.filter((f) => f.properties.farmlandClass === 'permanentBasic'),
    urbanDevelopmentBoundary: land.urban,
    grassland: land.grassland,
  };
  const zoned = [...notKey, ...fourAreas, ...protection.farmland, ...land.urban, ...land.forest, ...land.grassland, ...land.wetland];
  for (const right of scenario) {
    const pit = rights.miningRights[right];
    const zones = SWEEP_ZONE_SCENARIOS.filter((s) => s.right === right).map((s) => s.zone);
    const reachedAll = zones.map((zone) => {
      const reached = targets[zone].filter((f) => overlapM2(pit.geometry, f.geometry) > 100);
      if (reached.length !== 1) throw new Error(`${String(pit.properties.licenceNo)} reaches ${reached.length} ${zone} features, not 1`);
      // Only an edge: most of the pit, its patches and parcels stay outside every protected zone.
      if (overlapM2(pit.geometry, reached[0].geometry) > 0.3 * overlapM2(pit.geometry, pit.geometry)) throw new Error(`${String(pit.properties.licenceNo)} lies mostly in ${zone}`);
      return reached[0];
    });
    const others = zoned.filter((f) => !reachedAll.includes(f) && !(zones.includes('ecoRedline') && notKey.includes(f)));
    assertApart([pit], others);
  }
  assertApart(parcels, [...plan.concentratedZones, ...patches]);
  assertWithin(rights.miningRights[0], zoning[0]);
  for (const block of plan.explorationBlocks) assertWithin(block, zoning[0]);
}

/** Writes every collection and `expected-patch-classes.json` into `outDir`; returns the paths. */
export function generate(outDir: string): string[] {
  const { layers, expectedPatchClasses } = buildDataset();
  const files = COLLECTION_IDS.map((id) => writeText(outDir, `${id}.geojson`, serializeCollection(layers[id])));
  files.push(writeText(outDir, 'expected-patch-classes.json', `${JSON.stringify(expectedPatchClasses, null, 2)}\n`));
  files.push(writeText(outDir, 'sweep-registers.json', `${JSON.stringify(buildSweepRegisters(), null, 2)}\n`));
  return files;
}

const here = path.dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const files = generate(process.argv[2] ? path.resolve(process.argv[2]) : here);
  console.log(`wrote ${files.length} files to ${path.dirname(files[0])}`);
}
