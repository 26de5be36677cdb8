import { containsPosition, outsideM2, vertexCentroid } from './geometry.ts';
import type { LocalFrame } from './frame.ts';
import type { Random } from './random.ts';
import type { AreaGeometry, Feature, Geometry, Polygon, Properties } from './types.ts';

/** Suffix on every name, so nobody mistakes the demo for real data. */
export const DEMO = '（示范）';

/** What every layer builder may use: the frame, the random stream and the admin areas. */
export interface Context {
  frame: LocalFrame;
  random: Random;
  county: Polygon;
  townships: readonly Feature<AreaGeometry>[];
}

/** A GeoJSON feature. */
export function feature<G extends Geometry>(properties: Properties, geometry: G): Feature<G> {
  return { type: 'Feature', properties, geometry };
}

/** The township name without the demo suffix. */
export const plainName = (township: Feature): string => String(township.properties.name).replace(DEMO, '');

/** The township containing the vertex centroid of `geometry`. */
export function townshipAt(context: Context, geometry: AreaGeometry): Feature<AreaGeometry> {
  const centre = vertexCentroid(geometry);
  const township = context.townships.find((t) => containsPosition(t.geometry, centre));
  if (!township) throw new Error(`no township contains ${centre.join(', ')}`);
  return township;
}

/**
 * The township that holds all of `geometry`, as {@link townshipAt} finds it. Throws when
 * more than 1 m² lies outside it, so a feature stays in the township its attributes name.
 */
export function townshipOf(context: Context, geometry: AreaGeometry): Feature<AreaGeometry> {
  const township = townshipAt(context, geometry);
  const centre = vertexCentroid(geometry);
  const outside = outsideM2(geometry, township.geometry);
  if (outside > 1) {
    throw new Error(`${outside.toFixed(1)} m² lie outside ${plainName(township)} near ${centre.join(', ')}`);
  }
  return township;
}
