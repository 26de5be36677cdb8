import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SiteCardResponse, SiteCheckBody } from '@mpm/contracts';
import { requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { runSiteCheck } from '../../../plugins/app/inspection/run-site-check.ts';

/** Site checks one client may ask for per minute (as many as the planner's checks by default). */
const SITE_CHECKS_PER_MINUTE = 120;

/** `POST /api/site-check` (staff): the site card of a point or polygon. */
const siteCheck: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/site-check',
    {
      // Who may ask comes before what was asked: an anonymous caller learns nothing from a 400.
      preValidation: requireRole('inspector', 'planner', 'admin'),
      config: { heavy: true, rateLimit: { max: SITE_CHECKS_PER_MINUTE, timeWindow: '1 minute' } },
      schema: { body: SiteCheckBody, response: { 200: SiteCardResponse } },
    },
    async (request) => runSiteCheck({ repos: app.repos, ruleset: app.ruleset, now: new Date() }, request.body),
  );
};
export default siteCheck;
