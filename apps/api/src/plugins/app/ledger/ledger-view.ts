import type { Knex } from 'knex';
import { VIOLATION_BASIS } from '@mpm/domain';
import type { LedgerEntrySummary, LedgerEntryView, PhotoView } from '@mpm/contracts';
import type { PhotoRow } from '../photos/photos-repository.ts';
import type { EntryRow, LedgerRepository } from './ledger-repository.ts';


const iso = (value: Date | string) => new Date(value).toISOString();

/** An entry as listed. */
export const summaryView = (row: EntryRow): LedgerEntrySummary => ({
  id: row.id,
  title: row.title,
  source: row.source,
  status: row.status,
  violationType: row.violationType,
  townshipCode: row.townshipCode,
  townshipName: row.townshipName,
  responsibleUnit: row.responsibleUnit,
  responsiblePerson: row.responsiblePerson,
  deadline: row.deadline,
  overdue: row.overdue,
  centre: [row.lon, row.lat],
  revision: row.revision,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

/** A photo as staff see it, served at `/api/photos/:id`. */
export const photoView = (row: PhotoRow): PhotoView => ({
  id: row.id,
  url: `/api/photos/${row.id}`,
  mimeType: row.mimeType,
  width: row.width,
  height: row.height,
  sizeBytes: row.sizeBytes,
  uploadedBy: row.uploadedBy,
  uploadedAt: iso(row.uploadedAt),
});

/** The entry in full (geometry, history, photos) as it stands in `db`, or undefined. */
export async function entryView(ledger: LedgerRepository, id: number, today: string, db?: Knex): Promise<LedgerEntryView | undefined> {
  const row = await ledger.entry(id, today, db);
  if (!row) return undefined;
  const [history, photos, handovers] = [await ledger.history(id, db), await ledger.photos.forEntry(id, db), await ledger.handovers(id, db)];
  return {
    ...summaryView(row),
    geometry: row.geometry,
    patchId: row.patchId,
    tipOffReceipt: row.receiptHint === null ? null : `${row.receiptHint}…`,
    reporterContact: row.reporterContact,
    siteCard: row.siteCard,
    rectificationMeasures: row.rectificationMeasures,
    violationBasis: row.violationType === null ? null : VIOLATION_BASIS[row.violationType],
    handovers,
    history: history.map((event) => ({ ...event, at: iso(event.at) })),
    photos: photos.map(photoView),
  };
}
