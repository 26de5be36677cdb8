import { readdirSync, readFileSync } from 'node:fs';
import { isCollectionId } from '@mpm/domain';
import type { Proposal, TurfLayer } from '../../src/index.ts';

const demoDir = new URL('../../../../data/demo/', import.meta.url);

const read = <T>(url: URL): T => JSON.parse(readFileSync(url, 'utf8')) as T;

/** Every layer of the demo county, ids assigned in file order from 1 as the API does. */
export const demoLayers: TurfLayer[] = readdirSync(demoDir)
  .filter((file) => file.endsWith('.geojson') && isCollectionId(file.replace('.geojson', '')))
  .sort()
  .map((file) => ({
    collection: file.replace('.geojson', '') as TurfLayer['collection'],
    features: read<GeoJSON.FeatureCollection>(new URL(file, demoDir)).features.map((f, i) => ({ ...f, id: i + 1 })),
  }));

/** One demo feature by collection and id. */
export function demoFeature(collection: string, id: number): GeoJSON.Feature {
  const feature = demoLayers.find((layer) => layer.collection === collection)?.features.find((f) => f.id === id);
  if (!feature) throw new Error(`no ${collection} ${id} in the demo county`);
  return feature;
}

/** A fixture block: drawn on the demo county, with the proposals to check and their findings. */
export interface FixtureBlock {
  name: string;
  block: GeoJSON.Polygon;
  cases: { proposal: Proposal; findings: [ruleId: string, outcome: string, collection?: string, featureId?: number][] }[];
}

/** `fixtures/blocks.geojson`: styled so that it opens in any GeoJSON viewer over the demo layers. */
export const fixtureBlocks: FixtureBlock[] = read<GeoJSON.FeatureCollection<GeoJSON.Polygon>>(new URL('fixtures/blocks.geojson', import.meta.url)).features.map(
  (f) => ({ name: String(f.properties?.name), block: f.geometry, cases: f.properties?.cases }),
);

/** The fixture block of that name. */
export function fixtureBlock(name: string): GeoJSON.Polygon {
  const found = fixtureBlocks.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture block ${name}`);
  return found.block;
}
