import { getLayer, type CollectionId, type FieldDef } from '@mpm/domain';

/** Who reads a layer: staff see every field; the public neither staff-only fields nor those the county hides. */
export type Audience = { staff: true } | { staff: false; hiddenFields: readonly string[] };

/** The catalogue fields of `collection` that `audience` may read, in catalogue order. */
export function visibleFields(collection: CollectionId, audience: Audience): FieldDef[] {
  const fields = getLayer(collection).fields;
  if (audience.staff) return [...fields];
  return fields.filter((field) => !field.staffOnly && !audience.hiddenFields.includes(field.key));
}

/** Keys of the fields anonymous callers get, given the county's hidden fields. */
export const publicFieldKeys = (collection: CollectionId, hiddenFields: readonly string[]): string[] =>
  visibleFields(collection, { staff: false, hiddenFields }).map((field) => field.key);

/** The entries of `hiddenFields` that are not fields of the layer (to refuse them by name). */
export const unknownFields = (collection: CollectionId, hiddenFields: readonly string[]): string[] => {
  const keys = new Set<string>(getLayer(collection).fields.map((field) => field.key));
  return hiddenFields.filter((key) => !keys.has(key));
};
