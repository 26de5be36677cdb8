import type { FastifyPluginAsync } from 'fastify';
import { RETRY_AFTER_S, isDatabaseUnavailable } from '../db/availability.ts';

/** `GET /health`: 200 once the database answers, 503 (with `Retry-After`) otherwise. */
const health: FastifyPluginAsync = async (app) => {
  app.get('/health', async (_request, reply) => {
    try {
      await app.knex.raw('SELECT 1');
      return { status: 'ok' };
    } catch (err) {
      // An outage is logged once, however often the health check is polled.
      if (isDatabaseUnavailable(err)) app.databaseAvailability.down(err);
      else app.log.error({ err }, 'health check failed');
      return reply.status(503).header('Retry-After', String(RETRY_AFTER_S)).send({ status: 'unavailable' });
    }
  });
};
export default health;
