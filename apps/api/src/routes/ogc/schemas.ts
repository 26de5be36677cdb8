import { Type } from '@fastify/type-provider-typebox';

/** A link in an OGC API response. */
export const Link = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
});

/** `f`: the only encoding served is JSON. */
export const FormatQuery = Type.Object({ f: Type.Optional(Type.String()) });

/** Path of a collection's resources. */
export const CollectionParams = Type.Object({ collectionId: Type.String() });

/** Path of one feature. */
export const FeatureParams = Type.Object({ collectionId: Type.String(), featureId: Type.String() });

/**
 * Query of `/items`. Values stay strings so the route can name exactly what is wrong with them;
 * see `params.ts` for the rules. Any other parameter is refused.
 */
export const ItemsQuery = Type.Object({
  bbox: Type.Optional(Type.String()),
  'bbox-crs': Type.Optional(Type.String()),
  crs: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  offset: Type.Optional(Type.String()),
  datetime: Type.Optional(Type.String()),
  f: Type.Optional(Type.String()),
});

/** Query of one feature: its encoding and the CRS to answer in (OGC API – Features Part 2). */
export const FeatureQuery = Type.Object({ f: Type.Optional(Type.String()), crs: Type.Optional(Type.String()) });

/** `GET /ogc`. */
export const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  links: Type.Array(Link),
});

/** `GET /ogc/conformance`. */
export const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) });

/** `[[minLon, minLat, maxLon, maxLat]]` in CRS84. */
const Extent = Type.Object({
  spatial: Type.Object({
    bbox: Type.Array(Type.Array(Type.Number(), { minItems: 4, maxItems: 4 })),
    crs: Type.String(),
  }),
});

/** One collection as `/ogc/collections` lists it. */
export const Collection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  storageCrs: Type.Optional(Type.String()),
  extent: Type.Optional(Extent),
  links: Type.Array(Link),
});

/** `GET /ogc/collections`. */
export const Collections = Type.Object({
  collections: Type.Array(Collection),
  links: Type.Array(Link),
});

/** A GeoJSON feature with an integer id; properties as the catalogue names them. */
export const Feature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: Type.Unknown(),
  properties: Type.Record(Type.String(), Type.Unknown()),
  links: Type.Optional(Type.Array(Link)),
});

/** One page of `/items`: GeoJSON plus the OGC paging members. */
export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  numberMatched: Type.Integer(),
  numberReturned: Type.Integer(),
  timeStamp: Type.String(),
  features: Type.Array(Feature),
  links: Type.Array(Link),
});
