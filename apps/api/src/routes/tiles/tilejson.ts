import { Type } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { term, type CollectionId, type FieldDef } from '@mpm/domain';
import type { BBox } from '../../plugins/app/layers/layers-repository.ts';
import { MAX_ZOOM, MIN_ZOOM } from '../../plugins/app/tiles/tile-math.ts';


/** TileJSON 3.0.0 for one vector layer (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export const TileJson = Type.Object({
  tilejson: Type.Literal('3.0.0'),
  name: Type.String(),
  description: Type.String(),
  scheme: Type.Literal('xyz'),
  tiles: Type.Array(Type.String()),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  center: Type.Array(Type.Number(), { minItems: 3, maxItems: 3 }),
  vector_layers: Type.Array(
    Type.Object({
      id: Type.String(),
      description: Type.String(),
      fields: Type.Record(Type.String(), Type.String()),
      minzoom: Type.Integer(),
      maxzoom: Type.Integer(),
    }),
  ),
});
export type TileJson = Static<typeof TileJson>;

const WORLD: BBox = [-180, -85.0511287798066, 180, 85.0511287798066];

/** The zoom at which `bounds` about fills one 512-pixel tile, within the advertised range. */
function fittingZoom([minX, minY, maxX, maxY]: BBox): number {
  const span = Math.max(maxX - minX, (maxY - minY) * 1.5, 1e-6);
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.floor(Math.log2(360 / span))));
}

/**
 * TileJSON for a collection: `tilesUrl` is the absolute XYZ template, `bounds` the layer's extent
 * (the world when it has no features), `fields` those the caller may see, labelled in Chinese.
 */
export function tileJson(id: CollectionId, tilesUrl: string, bounds: BBox | undefined, fields: readonly FieldDef[]): TileJson {
  const box = bounds ?? WORLD;
  const labels = Object.fromEntries(fields.map((field) => [field.key, term(field.key, 'zh')]));
  return {
    tilejson: '3.0.0',
    name: term(id, 'zh'),
    description: term(id, 'en'),
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: MIN_ZOOM,
    maxzoom: MAX_ZOOM,
    bounds: box,
    center: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2, fittingZoom(box)],
    vector_layers: [{ id, description: term(id, 'zh'), fields: labels, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM }],
  };
}
