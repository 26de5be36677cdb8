import fp from 'fastify-plugin';
import { DatabaseAvailability } from '../../../db/availability.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether the database answers; logs an outage once, and the return. */
    databaseAvailability: DatabaseAvailability;
  }
}

/**
 * Follows whether the database answers: the error handler reports queries that could not reach
 * it (and answers 503), and every query that succeeds marks it back, so the app recovers by
 * itself once the database returns (the pool opens new connections on demand).
 */
export default fp(
  async (app) => {
    const availability = new DatabaseAvailability(app.log);
    app.decorate('databaseAvailability', availability);
    const answered = () => availability.up();
    app.knex.on('query-response', answered);
    app.addHook('onClose', async () => {
      app.knex.removeListener('query-response', answered);
    });
  },
  { name: 'database-availability', dependencies: ['repositories'] },
);
