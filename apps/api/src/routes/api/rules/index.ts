import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RulesResponse, RulesetBody, RulesetHistoryResponse, RulesetRegisterResponse } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { historyView, registerView, rulesetInForce } from '../../../plugins/app/rulesets/ruleset-in-force.ts';
import { saveRuleset } from '../../../plugins/app/rulesets/rulesets-writes.ts';
import { effectiveBuffers, effectiveIndicators } from '../../../plugins/app/settings/settings-repository.ts';

const staff = requireRole('planner', 'inspector', 'reviewer', 'admin');

/**
 * The county's ruleset. `GET /api/rules`: the ruleset in force (with the county's indicator
 * targets) and the county's effective buffer widths, exactly what the browser's geometry engine
 * needs to give the same verdicts as the server. The rule register: `GET /api/ruleset` each
 * rule's outcome, tolerance and legal basis in force, `GET /api/ruleset/versions` every version
 * with what it changed (staff); `PUT /api/ruleset` a new version (admins, audited, from the
 * version it was based on: 409 when another came first).
 */
const rules: FastifyPluginAsyncTypebox = async (app) => {
  const file = app.ruleset;
  const { rulesets, settings } = app.repos;

  app.get('/api/rules', { preHandler: staff, schema: { response: { 200: RulesResponse } } }, async () => {
    const { ruleset, version } = await rulesetInForce(rulesets, file);
    return {
      ruleset: { ...ruleset, indicators: effectiveIndicators(ruleset.indicators, await settings.indicatorTargets()) },
      rulesetVersion: version.version,
      buffers: effectiveBuffers(ruleset.bufferDefaults, await settings.bufferWidths()),
    };
  });

  app.get('/api/ruleset', { preHandler: staff, schema: { response: { 200: RulesetRegisterResponse } } }, async () =>
    registerView(await rulesetInForce(rulesets, file)),
  );

  app.get('/api/ruleset/versions', { preHandler: staff, schema: { response: { 200: RulesetHistoryResponse } } }, async () =>
    historyView(file, await rulesets.versions(file.id)),
  );

  app.put(
    '/api/ruleset',
    { preValidation: requireRole('admin'), schema: { body: RulesetBody, response: { 200: RulesetRegisterResponse } } },
    async (request) => registerView(await saveRuleset(app, file, request.body, request.user!.id)),
  );
};
export default rules;
