import { Type, type Static } from 'typebox';
import { BlockGeometry } from './check.ts';
import { LayerRevision } from './transfer.ts';

const strict = { additionalProperties: false } as const;

/**
 * A feature's attributes as an edit gives them, keyed by the catalogue's field keys. Checked in
 * code against the layer's fields (`featureAttributes` of `@mpm/domain`), so every problem is
 * named with its field.
 */
export const FeatureAttributes = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 64 });

/** The version a feature edit is based on: the layer revision that last wrote the feature (0: never since set-up). */
const BaseVersion = Type.Integer({ minimum: 0 });

/** `POST /api/layers/:id/features` (data manager, admin): a new feature of an editable layer. */
export const AddFeatureBody = Type.Object({ properties: FeatureAttributes, geometry: BlockGeometry }, strict);
export type AddFeatureBody = Static<typeof AddFeatureBody>;

/**
 * `PATCH /api/layers/:id/features/:fid`: the attributes given (others kept) and/or a new
 * boundary, based on the version the editor loaded.
 */
export const EditFeatureBody = Type.Object(
  { baseVersion: BaseVersion, properties: Type.Optional(FeatureAttributes), geometry: Type.Optional(BlockGeometry) },
  strict,
);
export type EditFeatureBody = Static<typeof EditFeatureBody>;

/** `DELETE /api/layers/:id/features/:fid?baseVersion=N`. */
export const DeleteFeatureQuery = Type.Object({ baseVersion: BaseVersion }, strict);
export type DeleteFeatureQuery = Static<typeof DeleteFeatureQuery>;

/**
 * A feature as the editor loads it: its id, boundary (9 decimals of a degree), every stored
 * attribute, and its `version` with who wrote it and when (null: as set up).
 */
export const EditableFeature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: BlockGeometry,
  properties: Type.Record(Type.String(), Type.Unknown()),
  version: Type.Integer({ minimum: 0 }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type EditableFeature = Static<typeof EditableFeature>;

/** `GET /api/layers/:id/features?bbox=`: an editable layer's features for the editor (and its snapping). */
export const EditableFeatures = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(EditableFeature) });
export type EditableFeatures = Static<typeof EditableFeatures>;

/** What a feature write answers: the layer's new revision, and the feature as it now stands (none after a delete). */
export const FeatureEditResponse = Type.Object({ revision: LayerRevision, feature: Type.Union([EditableFeature, Type.Null()]) });
export type FeatureEditResponse = Static<typeof FeatureEditResponse>;
