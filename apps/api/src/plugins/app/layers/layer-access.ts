import type { FastifyRequest } from 'fastify';
import { COLLECTION_IDS, getLayer, isCollectionId, type CollectionId, type FieldDef } from '@mpm/domain';
import { notFound } from '../../../http/errors.ts';
import { isStaffRequest } from '../auth/auth.plugin.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { visibleFields } from './field-visibility.ts';

/** What reading layer access needs from the app. */
export interface LayerAccessContext {
  repos: Pick<Repositories, 'layers'>;
}

/** Raised for a collection id that is not in the catalogue (or not visible to the caller). */
export const unknownLayer = (id: string) =>
  notFound('unknownCollection', {
    zh: `图层“${id}”不存在或未公开。`,
    en: `There is no layer "${id}" (or it is not public).`,
  });

/** The layers a request may see: all for staff, the county's public ones for everyone else. */
export async function visibleLayers(app: LayerAccessContext, staff: boolean): Promise<CollectionId[]> {
  if (staff) return [...COLLECTION_IDS];
  const publicLayers = await app.repos.layers.publicLayers();
  return COLLECTION_IDS.filter((id) => publicLayers.has(id));
}

/** A collection the caller may read, whether anonymous visitors may read it too, and the fields the caller gets. */
export interface CollectionAccess {
  id: CollectionId;
  isPublic: boolean;
  /** The fields this caller may read, in catalogue order. */
  fields: FieldDef[];
  /** Whether anonymous visitors get every field of the layer (then staff and public answers are alike). */
  allFieldsPublic: boolean;
}

/** Every layer's county setting, as {@link accessTo} reads it. */
export type LayerSettings = Record<CollectionId, { isPublic: boolean; hiddenFields: readonly string[] }>;

/**
 * The collection `id` names, when the caller may see it: staff see every layer and field,
 * anonymous visitors the county's public layers without staff-only fields and the fields the
 * county hides. A hidden layer is a 404 exactly like an id that does not exist, so its
 * existence is not revealed.
 */
export function accessTo(id: string, settings: LayerSettings, staff: boolean): CollectionAccess {
  if (!isCollectionId(id)) throw unknownLayer(id);
  const setting = settings[id];
  if (!setting.isPublic && !staff) throw unknownLayer(id);
  const publicFields = visibleFields(id, { staff: false, hiddenFields: setting.hiddenFields });
  return {
    id,
    isPublic: setting.isPublic,
    fields: staff ? visibleFields(id, { staff: true }) : publicFields,
    allFieldsPublic: publicFields.length === getLayer(id).fields.length,
  };
}

/** Every layer the caller may see, in catalogue order, each as {@link accessTo} gives it. */
export function visibleAccesses(settings: LayerSettings, staff: boolean): CollectionAccess[] {
  return COLLECTION_IDS.filter((id) => staff || settings[id].isPublic).map((id) => accessTo(id, settings, staff));
}

/** {@link accessTo} for a request, with the settings as stored now. */
export async function visibleCollection(app: LayerAccessContext, request: FastifyRequest, id: string): Promise<CollectionAccess> {
  if (!isCollectionId(id)) throw unknownLayer(id);
  return accessTo(id, await app.repos.layers.settings(), isStaffRequest(request));
}
