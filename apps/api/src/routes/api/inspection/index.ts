import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import siteCheck from './site-check.ts';
import rights from './rights.ts';
import patches from './patches.ts';
import settings from './settings.ts';

/**
 * The inspector's API: `POST /api/site-check`, the licence register `GET /api/rights`, change
 * patches `GET/POST /api/patches` and `GET/PUT /api/settings/inspection`.
 */
const inspection: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(siteCheck);
  await app.register(rights);
  await app.register(patches);
  await app.register(settings);
};
export default inspection;
