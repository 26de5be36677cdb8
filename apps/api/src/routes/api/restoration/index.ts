import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ParcelStatesQuery,
  ParcelStatesResponse,
  RestorationCampaignQuery,
  RestorationCampaignResponse,
  RestorationSummaryQuery,
  RestorationSummaryResponse,
  RestorationTargetsBody,
  RestorationTargetsResponse,
} from '@mpm/contracts';
import { badRequest } from '../../../http/errors.ts';
import { isStaffRequest, requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { chinaToday } from '../../../plugins/app/reports/china-time.ts';
import { restorationCampaign } from '../../../plugins/app/restoration/restoration-campaign.ts';
import { restorationSummary } from '../../../plugins/app/restoration/restoration-summary.ts';
import { YEAR_OR_AS_OF, YEAR_OUTSIDE_PLAN } from '../../../plugins/app/restoration/restoration-reasons.ts';
import { replaceTargets } from '../../../plugins/app/restoration/restoration-writes.ts';
import { versionView } from '../../../plugins/app/settings/setting-version.ts';
import parcelRoutes from './parcels.ts';
import progressRoutes from './progress.ts';
import { requirePublished } from './published.ts';

/** What the summary reveals of the parcels, and what the year slider's states reveal. */
const SUMMARY_FIELDS = ['restorationStatus', 'areaMu', 'mineCategory', 'plannedYear', 'township'] as const;
const STATE_FIELDS = ['restorationStatus', 'areaMu'] as const;
/** What the campaign view reveals of each parcel (with the township, for parcels without a mine). */
const CAMPAIGN_FIELDS = ['code', 'name', ...SUMMARY_FIELDS] as const;

/**
 * Restoration progress for the public page and the bureau: the summary against the county's
 * targets (with the stated totals that disagree with their parts), each parcel's status on a
 * day, the targets themselves (admins replace them), and the parcels' progress records.
 */
const restoration: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/restoration/summary',
    { schema: { querystring: RestorationSummaryQuery, response: { 200: RestorationSummaryResponse } } },
    async (request) => {
      await requirePublished(app, request, SUMMARY_FIELDS);
      return restorationSummary(app.repos, request.query);
    },
  );

  app.get(
    '/api/restoration/campaign',
    { schema: { querystring: RestorationCampaignQuery, response: { 200: RestorationCampaignResponse } } },
    async (request) => {
      await requirePublished(app, request, CAMPAIGN_FIELDS);
      const staff = isStaffRequest(request);
      const showRights = staff || (await app.repos.layers.publicLayers()).has('mining_rights');
      return restorationCampaign({ repos: app.repos, ruleset: app.ruleset, asOf: request.query.asOf, showRights });
    },
  );

  app.get(
    '/api/restoration/parcels',
    { schema: { querystring: ParcelStatesQuery, response: { 200: ParcelStatesResponse } } },
    async (request) => {
      await requirePublished(app, request, STATE_FIELDS);
      const { year, asOf: date } = request.query;
      if (year !== undefined && date !== undefined) {
        throw badRequest(YEAR_OR_AS_OF, { zh: 'year 与 asOf 只能给出其一。', en: 'Give year or asOf, not both.' });
      }
      let asOf = date ?? chinaToday();
      if (year !== undefined) {
        const period = await app.repos.restoration.period();
        if (period && (year < period.fromYear || year > period.toYear)) {
          throw badRequest(YEAR_OUTSIDE_PLAN, {
            zh: `年份 ${year} 不在规划期限 ${period.fromYear}—${period.toYear} 年内。`,
            en: `Year ${year} is outside the plan period ${period.fromYear}–${period.toYear}.`,
          });
        }
        asOf = `${year}-12-31`;
      }
      return { asOf, parcels: await app.repos.restoration.parcelStates(asOf) };
    },
  );

  // The plan's version first (who saved it and when: staff only), so a save landing between the
  // reads makes the next change a 409 rather than one based on older targets.
  app.get('/api/restoration/targets', { schema: { response: { 200: RestorationTargetsResponse } } }, async (request) => {
    const saved = await app.repos.restoration.planVersion();
    const [{ targets, statedTotals }, period] = await Promise.all([
      app.repos.restoration.targets(),
      app.repos.restoration.period(),
    ]);
    return { targets, statedTotals, period, ...versionView(saved, isStaffRequest(request)) };
  });

  app.put(
    '/api/restoration/targets',
    {
      preValidation: requireRole('admin'),
      schema: { body: RestorationTargetsBody, response: { 200: RestorationTargetsResponse } },
    },
    async (request) => {
      const { saved, ...plan } = await replaceTargets(app, request.body, request.user!.id);
      return { ...plan, ...versionView(saved) };
    },
  );

  await app.register(progressRoutes);
  await app.register(parcelRoutes);
};
export default restoration;
