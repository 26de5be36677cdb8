import type { FastifyPluginAsync } from 'fastify';

/** `GET /health`: 200 once the database answers, 503 otherwise. */
const health: FastifyPluginAsync = async (app) => {
  app.get('/health', async (_request, reply) => {
    try {
      await app.knex.raw('SELECT 1');
      return { status: 'ok' };
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
};
export default health;
