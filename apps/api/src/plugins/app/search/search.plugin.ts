import fp from 'fastify-plugin';
import { createSearchRepository, type SearchRepository } from './search-repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Read-only search over layer names and numbers, proposals and the ledger. */
    searchRepository: SearchRepository;
  }
}

/** Makes the search repository available to the search routes. */
export default fp(
  async (app) => {
    app.decorate('searchRepository', createSearchRepository(app.knex));
  },
  { name: 'search', dependencies: ['repositories'] },
);
