import fp from 'fastify-plugin';
import { loadRuleset, type LoadedRuleset } from './ruleset.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The county's ruleset, read and checked once at boot. */
    ruleset: LoadedRuleset;
  }
}

/**
 * Loads the ruleset at boot (`RULESET_FILE` unless `rulesetFile` says otherwise); a file that
 * does not match the schema stops the server with a message naming each problem.
 */
export default fp<{ rulesetFile?: string }>(
  async (app, { rulesetFile }) => {
    app.decorate('ruleset', loadRuleset(rulesetFile));
  },
  { name: 'checks' },
);
