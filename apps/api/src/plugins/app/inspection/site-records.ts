import { SITE_RECORDS_LIMIT, SITE_RECORDS_WITHIN_M, type SiteLedgerEntry, type SitePatch } from '@mpm/contracts';
import { geometryBox } from '@mpm/geo';
import type { MeasuredGeometry } from '../checks/checks-repository.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { patchProperties } from './classified-patches.ts';

const round1 = (metres: number) => Math.round(metres * 10) / 10;

/**
 * The records at a site for its card: the change patches (classified as the patch table does,
 * against the register of `today`) and the problem-ledger entries within
 * {@link SITE_RECORDS_WITHIN_M} metres, nearest first, at most {@link SITE_RECORDS_LIMIT} each.
 */
export async function siteRecords(
  repos: Pick<Repositories, 'inspection' | 'ledger'>,
  site: MeasuredGeometry,
  sliverToleranceM2: number,
  today: string,
): Promise<{ patches: SitePatch[]; ledgerEntries: SiteLedgerEntry[] }> {
  const near = { site, withinM: SITE_RECORDS_WITHIN_M, limit: SITE_RECORDS_LIMIT };
  const [rows, entries] = await Promise.all([
    repos.inspection.patches.withOverlaps(today, { near }),
    repos.ledger.near(site, SITE_RECORDS_WITHIN_M, SITE_RECORDS_LIMIT),
  ]);
  return {
    patches: rows.map((row) => {
      const { id, code, detectionRound, classification, areaM2, ledgerEntryId } = patchProperties(row, sliverToleranceM2);
      return { id, code, detectionRound, classification, areaM2, distanceM: round1(row.distanceM ?? 0), bbox: geometryBox(row.geometry), ledgerEntryId };
    }),
    ledgerEntries: entries.map((entry) => ({ ...entry, distanceM: round1(entry.distanceM) })),
  };
}
