import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** Placeholder: filled in by the feature that owns it. */
const routes: FastifyPluginAsyncTypebox = async () => {};
export default routes;
