import type { SiteCardResponse, SiteCheckBody, SiteDistance } from '@mpm/contracts';
import { measurementRequest, type MeasurementRequest } from '@mpm/rules';
import type { Repositories } from '../repositories.plugin.ts';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import { rulesetInForce } from '../rulesets/ruleset-in-force.ts';
import { effectiveBuffers } from '../settings/settings-repository.ts';
import { chinaToday } from '../reports/china-time.ts';
import { lineBufferM } from './line-buffers.ts';
import { siteFindings, siteProposal, siteZones } from './site-findings.ts';
import { validatedSite } from './site-geometry.validation.ts';
import type { LineGroup } from './site-repository.ts';
import { registerFindings } from './site-register-findings.ts';
import { siteRecords } from './site-records.ts';
import { surveyView } from '../depth/depth-view.ts';

/** What a site check needs from the app. */
export interface SiteCheckContext {
  repos: Pick<Repositories, 'checks' | 'settings' | 'inspection' | 'rulesets' | 'depth' | 'ledger'>;
  /** The ruleset file; the findings are made under its register's version in force. */
  ruleset: LoadedRuleset;
  /** The check's moment: licence states are those of its day in China time. */
  now: Date;
}

/** The lines whose nearest member the card names: each road class of the catalogue, railways, rivers. */
const LINE_GROUPS: readonly LineGroup[] = [
  ...['national', 'provincial', 'countyRoad', 'townshipRoad'].map((roadClass) => ({ collection: 'roads' as const, roadClass })),
  { collection: 'railways' },
  { collection: 'rivers' },
];

/** The ruleset's measurements, plus the exploration planning blocks the card lists among the zones. */
function siteRequest(request: MeasurementRequest): MeasurementRequest {
  if (request.collections.some((c) => c.collection === 'exploration_blocks')) return request;
  return { collections: [...request.collections, { collection: 'exploration_blocks', withinM: 0 }] };
}

/** Most elevation surveys a card lists. */
const SURVEYS_ON_CARD = 20;

const round1 = (metres: number) => Math.round(metres * 10) / 10;

/**
 * The inspector's site card for a point or a polygon: zones, township, nearest lines with their
 * buffers, the rights there with their state, the findings of the one verdict logic (see
 * `site-findings.ts`), and the change patches and ledger entries at the site. Reads only; writes nothing.
 */
export async function runSiteCheck(context: SiteCheckContext, body: SiteCheckBody): Promise<SiteCardResponse> {
  const { repos, now } = context;
  const site = await validatedSite(repos.checks, body.geometry, await repos.checks.countyExtent());
  const point = site.type === 'Point';
  const today = chinaToday(now);
  // The reads that need nothing of one another are asked together, in three waves instead of a
  // dozen: on PGlite they queue once for its one connection rather than once each behind other
  // requests' statements; on PostgreSQL they run side by side.
  const [{ ruleset, version }, storedBuffers, { expiringWithinDays }, facts, lines, records] = await Promise.all([
    rulesetInForce(repos.rulesets, context.ruleset),
    repos.settings.bufferWidths(),
    repos.inspection.settings.get(),
    repos.inspection.site.facts(site),
    repos.inspection.site.nearestLines(site, LINE_GROUPS),
    siteRecords(repos, site, context.ruleset.sliverToleranceM2, today),
  ]);
  const buffers = effectiveBuffers(ruleset.bufferDefaults, storedBuffers);
  const [rights, measured] = await Promise.all([
    repos.inspection.rights.at(site, { day: today, expiringWithinDays }),
    repos.checks.engine(ruleset.sliverToleranceM2).measure(site, siteRequest(measurementRequest(ruleset, buffers))),
  ]);
  const miningRightIds = rights.filter((r) => r.collection === 'mining_rights').map((r) => r.featureId);
  const surveys = (await repos.depth.ofRights(miningRightIds, undefined, SURVEYS_ON_CARD)).map(surveyView);

  const proposal = siteProposal(body.mineral, rights);
  const nearest: SiteDistance[] = lines.map(({ collection, featureId, name, roadClass, distanceM }) => {
    const bufferM = lineBufferM(ruleset, buffers, proposal, collection, { roadClass });
    return { collection, featureId, name, ...(roadClass && { roadClass }), distanceM: round1(distanceM), bufferM, insideBuffer: distanceM < bufferM };
  });
  return {
    geometry: site,
    centre: facts.centre,
    areaM2: facts.areaM2 === null ? null : Math.round(facts.areaM2 * 100) / 100,
    township: facts.township,
    zones: siteZones(measured, point),
    nearest,
    rights,
    findings: [...siteFindings({ ruleset, buffers, proposal, measured, point }), ...registerFindings(rights, surveys)],
    surveys,
    ...records,
    rulesetVersion: version.version,
    checkedAt: now.toISOString(),
  };
}
