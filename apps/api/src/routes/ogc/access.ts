import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { getLayer, isCollectionId, type CollectionId, type FieldDef } from '@mpm/domain';
import { isStaffRequest } from '../../plugins/app/auth/auth.plugin.ts';
import { visibleFields } from '../../plugins/app/layers/field-visibility.ts';
import { unknownLayer } from '../api/layers/index.ts';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** A collection the caller may read, whether anonymous visitors may read it too, and the fields the caller gets. */
export interface CollectionAccess {
  id: CollectionId;
  isPublic: boolean;
  /** The fields this caller may read, in catalogue order. */
  fields: FieldDef[];
  /** Whether anonymous visitors get every field of the layer (then staff and public answers are alike). */
  allFieldsPublic: boolean;
}

/**
 * The collection `id` names, when the caller may see it: staff see every layer and field,
 * anonymous visitors the county's public layers without staff-only fields and the fields the
 * county hides. A hidden layer is a 404 exactly like an id that does not exist, so its
 * existence is not revealed.
 */
export async function visibleCollection(app: App, request: FastifyRequest, id: string): Promise<CollectionAccess> {
  if (!isCollectionId(id)) throw unknownLayer(id);
  const setting = (await app.repos.layers.settings())[id];
  const staff = isStaffRequest(request);
  if (!setting.isPublic && !staff) throw unknownLayer(id);
  const publicFields = visibleFields(id, { staff: false, hiddenFields: setting.hiddenFields });
  return {
    id,
    isPublic: setting.isPublic,
    fields: staff ? visibleFields(id, { staff: true }) : publicFields,
    allFieldsPublic: publicFields.length === getLayer(id).fields.length,
  };
}
