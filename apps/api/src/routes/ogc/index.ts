import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import landing from './landing.ts';
import collections from './collections.ts';
import items from './items.ts';
import openapi from './openapi.ts';

/** OGC API – Features Part 1 (Core, GeoJSON, OAS 3.0) at `/ogc`, JSON only. */
const ogc: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(landing);
  await app.register(collections);
  await app.register(items);
  await app.register(openapi);
};
export default ogc;
