import type { RightView, SiteZone } from '@mpm/contracts';
import { COLLECTION_IDS, getLayer, roundTo, type CollectionId, type Mineral } from '@mpm/domain';
import { evaluate, type BufferSettings, type Finding, type Measurements, type Proposal, type Ruleset } from '@mpm/rules';

/**
 * The mineral a site is judged for when the inspector names none and no licence covers it:
 * brick clay, the demo county's commonest small mine and the commonest unlicensed dig there
 * (取土坑). Name the mineral to check for another.
 */
export const DEFAULT_SITE_MINERAL: Mineral = 'brickClay';

/**
 * The neutral proposal a site is judged as, so that the planner's verdict logic answers the
 * inspector's question unchanged. A site on exactly one mining right that is not revoked (a
 * point inside it, a polygon sharing area with it) is that licence at work: an extension of it
 * (its licence number and holder; its mineral unless the inspector names another), so the
 * licence does not conflict with itself and the rules for continuing a licence apply. Any other
 * site is a new right for the stated mineral (else {@link DEFAULT_SITE_MINERAL}). A site says
 * nothing of scale: capacity 0, and the findings about size are left out (see {@link siteFindings}).
 */
export function siteProposal(mineral: Mineral | undefined, rights: readonly RightView[]): Proposal {
  const mining = rights.filter((right) => right.collection === 'mining_rights' && right.state !== 'revoked');
  if (mining.length === 1) {
    const [right] = mining;
    return { rightKind: 'extension', licenceNo: right.licenceNo, holder: right.holder, mineral: mineral ?? right.mineral, capacity10ktPerYear: 0 };
  }
  return { rightKind: 'new', mineral: mineral ?? DEFAULT_SITE_MINERAL, capacity10ktPerYear: 0 };
}

const isPolygonLayer = (collection: CollectionId) => getLayer(collection).geometry === 'polygon';

/**
 * A point's measurements in the verdict logic's terms. A point has no area, so the logic (which
 * weighs overlaps in m²) would say nothing of the zones it lies in. But a point inside a zone is
 * wholly inside it: each polygon it lies in (distance 0) is given the whole of a nominal site
 * area, as a block lying entirely in that zone would be (100 %, never a sliver); a polygon it
 * is not in overlaps nothing; lines keep their exact distances. The nominal area only carries
 * that ratio: {@link siteFindings} takes it out of the findings again.
 */
export function pointAsWholeSite(measured: Measurements, sliverToleranceM2: number): Measurements {
  const wholeM2 = Math.max(1, sliverToleranceM2);
  return {
    blockAreaM2: wholeM2,
    features: measured.features.map((f) => (isPolygonLayer(f.collection) && f.distanceM === 0 ? { ...f, overlapAreaM2: wholeM2 } : f)),
  };
}

/** Findings about a proposal's size or the county's totals, which a site does not have. */
const SIZE_RULES = new Set(['minimumScale', 'concentratedZoneScale']);
const isAboutTheSite = (finding: Finding) => !SIZE_RULES.has(finding.ruleId) && !finding.ruleId.startsWith('indicator.');

/** A point's area finding, told as containment: no nominal figures, a message about where it is. */
function pointFinding(finding: Finding): Finding {
  if (finding.overlapPercent === undefined) return finding;
  const { overlapAreaM2: _m2, overlapAreaMu: _mu, overlapAreaHa: _ha, overlapPercent: _pct, possibleBoundaryOffset: _offset, ...rest } = finding;
  const name = finding.featureName ?? '';
  const message =
    finding.featureId !== undefined
      ? { zh: `站点位于“${name}”内。`, en: `The site lies inside "${name}".` }
      : { zh: '站点不在该矿种规划的开采区或开采规划区块内。', en: 'The site lies outside every planned zone or block for the mineral.' };
  return { ...rest, message };
}

export interface SiteFindingsInput {
  ruleset: Ruleset;
  buffers: BufferSettings;
  proposal: Proposal;
  /** The PostGIS engine's measurements of the site (for a point: overlap areas 0). */
  measured: Measurements;
  point: boolean;
}

/**
 * The site's findings from the one verdict logic (`evaluate` of `@mpm/rules`): a polygon exactly
 * as the planner's block check with the neutral proposal; a point through
 * {@link pointAsWholeSite}. Worst first.
 */
export function siteFindings({ ruleset, buffers, proposal, measured, point }: SiteFindingsInput): Finding[] {
  const measurements = point ? pointAsWholeSite(measured, ruleset.sliverToleranceM2) : measured;
  const { findings } = evaluate({ ruleset, buffers, proposal, measurements, mines: [] });
  const aboutTheSite = findings.filter(isAboutTheSite);
  return point ? aboutTheSite.map(pointFinding) : aboutTheSite;
}

/** Layers the card lists apart (rights) rather than among the zones. */
const LISTED_APART = new Set<CollectionId>(['mining_rights', 'exploration_rights']);

/** The property that holds a layer's class, where it has one. */
const CLASS_PROPERTY: Partial<Record<CollectionId, string>> = { mining_zoning: 'zoningClass', farmland: 'farmlandClass' };

/**
 * The zones the site lies in (a point, edge included) or shares area with (a polygon, with the
 * overlap in m²), in catalogue order.
 */
export function siteZones(measured: Measurements, point: boolean): SiteZone[] {
  return measured.features
    .filter((f) => isPolygonLayer(f.collection) && !LISTED_APART.has(f.collection))
    .filter((f) => (point ? f.distanceM === 0 : f.overlapAreaM2 > 0))
    .sort((a, b) => COLLECTION_IDS.indexOf(a.collection) - COLLECTION_IDS.indexOf(b.collection) || a.featureId - b.featureId)
    .map((f) => {
      const { name, code } = f.properties;
      const classProperty = CLASS_PROPERTY[f.collection];
      const classKey = classProperty ? f.properties[classProperty] : undefined;
      return {
        collection: f.collection,
        featureId: f.featureId,
        name: String(name ?? code ?? ''),
        ...(typeof classKey === 'string' && { classKey }),
        ...(!point && { overlapAreaM2: roundTo(f.overlapAreaM2, 2) }),
      };
    });
}
