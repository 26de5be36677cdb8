import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { isCollectionId, type CollectionId } from '@mpm/domain';
import { isStaffRequest } from '../../plugins/app/auth/auth.plugin.ts';
import { unknownLayer } from '../api/layers/index.ts';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** A collection the caller may read, and whether anonymous visitors may read it too. */
export interface CollectionAccess {
  id: CollectionId;
  isPublic: boolean;
}

/**
 * The collection `id` names, when the caller may see it: staff see every layer, anonymous
 * visitors the county's public ones. A hidden layer is a 404 exactly like an id that does not
 * exist, so its existence is not revealed.
 */
export async function visibleCollection(app: App, request: FastifyRequest, id: string): Promise<CollectionAccess> {
  if (!isCollectionId(id)) throw unknownLayer(id);
  const isPublic = (await app.repos.layers.publicLayers()).has(id);
  if (!isPublic && !isStaffRequest(request)) throw unknownLayer(id);
  return { id, isPublic };
}
