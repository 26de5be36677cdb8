import type { FastifyBaseLogger } from 'fastify';
import type { Knex } from 'knex';
import type {
  CreateLedgerEntryBody,
  HandoverBody,
  HandoverResultBody,
  LedgerEntryView,
  LedgerNoteBody,
  LedgerTransitionBody,
  UpdateLedgerEntryBody,
} from '@mpm/contracts';
import { FINAL_LEDGER_STATUSES, isHandoverDepartment, ledgerTransition, type LedgerStatus } from '@mpm/domain';
import { auditedWrite, type ExpectedVersion } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import type { CheckedPhoto } from '../photos/photo-upload.ts';
import { withStagedPhoto } from '../photos/photo-upload.ts';
import type { PhotoStore, StagedPhoto } from '../photos/photo-store.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { LEDGER_PROBLEMS as P } from './ledger-reasons.ts';
import type { EntryDetails, LedgerRepository, LockedEntry } from './ledger-repository.ts';
import { chinaToday } from '../reports/china-time.ts';
import { entryView } from './ledger-view.ts';
import { checkedSite } from './ledger-site.ts';

/** What a ledger write needs from the app. */
export interface LedgerContext {
  knex: Knex;
  repos: Pick<Repositories, 'ledger' | 'audit' | 'checks'>;
  now: Date;
}

/** PostgreSQL's SQLSTATE for a unique index refusing a row. */
const UNIQUE_VIOLATION = '23505';

const isFinal = (status: LedgerStatus) => FINAL_LEDGER_STATUSES.includes(status);

/** Empty or blank text is no value. */
const text = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

/** The entry as it stands after a write in `trx`. */
const viewIn = async (context: LedgerContext, id: number, trx: Knex) =>
  (await entryView(context.repos.ledger, id, chinaToday(context.now), trx))!;

/** The entry as the audit log keeps it, before and after a write. */
const auditRow = ({ revisedBy: _by, revisedAt: _at, ...row }: LockedEntry) => row;

/** Stores a staged photo's row on the entry with its `photo` event; returns the photo's id. */
export async function attachPhoto(
  ledger: LedgerRepository,
  entryId: number,
  photo: CheckedPhoto,
  staged: StagedPhoto,
  userId: number | null,
  trx: Knex,
): Promise<number> {
  const photoId = await ledger.photos.insert(
    {
      sha256: staged.sha256,
      mimeType: photo.mimeType,
      width: photo.width,
      height: photo.height,
      sizeBytes: staged.sizeBytes,
      path: staged.relativePath,
      ledgerEntryId: entryId,
      uploadedBy: userId,
    },
    trx,
  );
  await ledger.insertEvent({ entryId, kind: 'photo', detail: { photoId }, userId }, trx);
  return photoId;
}

/** Locks the entry until the write commits; 404 when there is none. */
async function locked(context: LedgerContext, id: number, trx: Knex): Promise<LockedEntry> {
  const entry = await context.repos.ledger.lock(id, trx);
  if (!entry) throw P.entryNotFound(id);
  return entry;
}

/**
 * One write to an existing entry: locked, from the caller's revision when it sends one (409
 * naming who made the current revision and when), answered with the entry as it then stands.
 */
function entryWrite(
  context: LedgerContext,
  id: number,
  user: User | null,
  action: string,
  baseRevision: number | undefined,
  write: (trx: Knex, entry: LockedEntry) => Promise<void>,
  detail?: () => Record<string, unknown>,
): Promise<LedgerEntryView> {
  const expected: ExpectedVersion<LockedEntry> = {
    base: baseRevision,
    stamp: (entry) => ({ version: entry.revision, by: entry.revisedBy, at: entry.revisedAt }),
    label: () => ({ zh: `台账记录 ${id} `, en: `Ledger entry ${id}` }),
  };
  return auditedWrite(context, {
    by: user?.id ?? null,
    action,
    entity: 'ledger_entry',
    entityId: id,
    read: (trx) => locked(context, id, trx),
    expected,
    write: async (trx, entry) => {
      await write(trx, entry);
      return viewIn(context, id, trx);
    },
    before: auditRow,
    after: async (_view, trx) => auditRow(await locked(context, id, trx)),
    detail,
  });
}

/**
 * Writes a lead's entry inside `trx` (an audited write's transaction): the patch it came from
 * checked, the entry (township derived from the geometry, status 待核查) and its `created` event.
 * The fields are the lead's as {@link CreateLedgerEntryBody} takes them, the site already checked
 * ({@link checkedSite}); other features that turn their results into leads (the sweep of existing
 * mines) call this or {@link createEntry}, so a lead is made one way.
 */
export async function insertLead(
  ledger: LedgerRepository,
  lead: CreateLedgerEntryBody & { geometry: LedgerEntryView['geometry'] },
  userId: number,
  trx: Knex,
): Promise<number> {
  const title = text(lead.title);
  if (!title) throw P.blankTitle();
  if ((lead.patchId !== undefined) !== (lead.source === 'patch')) throw P.patchSourceMismatch();
  if (lead.patchId !== undefined) {
    const patch = await ledger.patch(lead.patchId, trx);
    if (!patch.exists) throw P.patchNotFound(lead.patchId);
    if (patch.entryId !== null) throw P.patchHasEntry(lead.patchId, patch.entryId);
  }
  const { id } = await ledger.insertEntry(
    {
      title,
      source: lead.source,
      geometry: lead.geometry,
      patchId: lead.patchId ?? null,
      violationType: lead.violationType ?? null,
      responsibleUnit: text(lead.responsibleUnit),
      responsiblePerson: text(lead.responsiblePerson),
      rectificationMeasures: text(lead.rectificationMeasures),
      deadline: lead.deadline ?? null,
      siteCard: lead.siteCard,
      receiptHash: null,
      receiptHint: null,
      reporterContact: null,
      createdBy: userId,
    },
    trx,
  );
  await ledger.insertEvent({ entryId: id, kind: 'created', to: 'pending', note: text(lead.note), userId }, trx);
  return id;
}

/**
 * `POST /api/ledger`, and any feature's lead: checks the site, then writes the entry
 * ({@link insertLead}) and the audit entry in one transaction.
 */
export async function createEntry(context: LedgerContext, body: CreateLedgerEntryBody, user: User): Promise<LedgerEntryView> {
  if (!text(body.title)) throw P.blankTitle();
  if ((body.patchId !== undefined) !== (body.source === 'patch')) throw P.patchSourceMismatch();
  const geometry = await checkedSite(context.repos, body.geometry);
  const { ledger } = context.repos;
  const write = auditedWrite(context, {
    by: user.id,
    action: 'create',
    entity: 'ledger_entry',
    entityId: (view: LedgerEntryView) => view.id,
    write: async (trx) => viewIn(context, await insertLead(ledger, { ...body, geometry }, user.id, trx), trx),
    after: async (view, trx) => auditRow(await locked(context, view.id, trx)),
    detail: () => ({ source: body.source, patchId: body.patchId ?? null }),
  });
  try {
    return await write;
  } catch (err) {
    // Two entries for one patch at the same moment: the unique index lets one through.
    if (body.patchId !== undefined && (err as { code?: string }).code === UNIQUE_VIOLATION) {
      const patch = await ledger.patch(body.patchId, context.knex);
      if (patch.entryId !== null) throw P.patchHasEntry(body.patchId, patch.entryId);
    }
    throw err;
  }
}

/**
 * `PATCH /api/ledger/:id`: changes the details given, only from the current revision and only
 * while the entry is open; records what changed (before and after) as an `edit` event.
 */
export function updateEntry(context: LedgerContext, id: number, body: UpdateLedgerEntryBody, user: User): Promise<LedgerEntryView> {
  const { ledger } = context.repos;
  return entryWrite(context, id, user, 'update', body.baseRevision, async (trx, entry) => {
    if (isFinal(entry.status)) throw P.final(id, entry.status);
    const wanted: Record<string, [string | null, string | null]> = {};
    if (body.title !== undefined) {
      const title = text(body.title);
      if (!title) throw P.blankTitle();
      wanted.title = [entry.title, title];
    }
    if (body.violationType !== undefined) wanted.violationType = [entry.violationType, body.violationType];
    if (body.responsibleUnit !== undefined) wanted.responsibleUnit = [entry.responsibleUnit, text(body.responsibleUnit)];
    if (body.responsiblePerson !== undefined) wanted.responsiblePerson = [entry.responsiblePerson, text(body.responsiblePerson)];
    if (body.rectificationMeasures !== undefined)
      wanted.rectificationMeasures = [entry.rectificationMeasures, text(body.rectificationMeasures)];
    if (body.deadline !== undefined) wanted.deadline = [entry.deadline, body.deadline];
    const changed = Object.fromEntries(Object.entries(wanted).filter(([, [before, after]]) => before !== after));
    if (Object.keys(changed).length === 0) return;

    const columns: EntryDetails = {};
    const after = (key: string) => changed[key]?.[1];
    if ('title' in changed) columns.title = after('title')!;
    if ('violationType' in changed) columns.violation_type = after('violationType') as EntryDetails['violation_type'];
    if ('responsibleUnit' in changed) columns.responsible_unit = after('responsibleUnit');
    if ('responsiblePerson' in changed) columns.responsible_person = after('responsiblePerson');
    if ('rectificationMeasures' in changed) columns.rectification_measures = after('rectificationMeasures');
    if ('deadline' in changed) columns.deadline = after('deadline');
    await ledger.update(id, columns, true, trx);
    await ledger.insertEvent({ entryId: id, kind: 'edit', detail: changed, userId: user.id }, trx);
  });
}

/**
 * `POST /api/ledger/:id/transitions`: one step of the workflow (`LEDGER_TRANSITIONS`), from the
 * current revision, by a role the step allows, with a note where the step needs one.
 * Refusals change nothing.
 */
export function transitionEntry(context: LedgerContext, id: number, body: LedgerTransitionBody, user: User): Promise<LedgerEntryView> {
  const { ledger } = context.repos;
  return entryWrite(context, id, user, 'transition', body.baseRevision, async (trx, entry) => {
    const step = ledgerTransition(entry.status, body.to);
    if (!step) throw P.transitionNotAllowed(entry.status, body.to);
    if (!step.roles.includes(user.role)) throw P.roleMayNot(entry.status, body.to, step.roles);
    const note = text(body.note);
    if (!note && step.needsNote) throw P.noteRequired(entry.status, body.to);
    if (body.to === 'closed') {
      const open = (await ledger.handovers(id, trx)).filter((h) => h.status !== 'concluded');
      if (open.length > 0) throw P.handoverOpen(id, open.map((h) => h.department));
    }
    await ledger.update(id, { status: body.to }, true, trx);
    await ledger.insertEvent({ entryId: id, kind: 'transition', from: entry.status, to: body.to, note, userId: user.id }, trx);
  });
}

/**
 * `POST /api/ledger/:id/handovers`: hands the case over (移交, seed 003 二（二）4) to a listed
 * department, from the current revision, while the entry is open; recorded in its history.
 */
export function handOver(context: LedgerContext, id: number, body: HandoverBody, user: User): Promise<LedgerEntryView> {
  if (!isHandoverDepartment(body.department)) throw P.handoverDepartmentNotListed(body.department);
  const department = body.department;
  const receivingDepartment = text(body.receivingDepartment);
  if (!receivingDepartment) throw P.blankReceivingDepartment();
  const today = chinaToday(context.now);
  if (body.handedOverOn > today) throw P.dateInFuture('handedOverOn', body.handedOverOn, today);
  const { ledger } = context.repos;
  let handoverId: number | undefined;
  return entryWrite(
    context,
    id,
    user,
    'handover',
    body.baseRevision,
    async (trx, entry) => {
      if (isFinal(entry.status)) throw P.final(id, entry.status);
      handoverId = await ledger.insertHandover({ entryId: id, department, receivingDepartment, handedOverOn: body.handedOverOn, createdBy: user.id }, trx);
      await ledger.update(id, {}, true, trx);
      await ledger.insertEvent(
        { entryId: id, kind: 'handover', note: text(body.note), detail: { handoverId, department, receivingDepartment }, userId: user.id },
        trx,
      );
    },
    () => ({ handoverId, department, receivingDepartment, handedOverOn: body.handedOverOn }),
  );
}

/**
 * `POST /api/ledger/:id/handovers/:handoverId/result`: the receiving department's case number
 * and result (已办结), once; the entry may then be closed (销号).
 */
export function concludeHandover(
  context: LedgerContext,
  id: number,
  handoverId: number,
  body: HandoverResultBody,
  user: User,
): Promise<LedgerEntryView> {
  const caseNumber = text(body.caseNumber);
  if (!caseNumber) throw P.blankHandoverResult('caseNumber');
  const result = text(body.result);
  if (!result) throw P.blankHandoverResult('result');
  const today = chinaToday(context.now);
  if (body.concludedOn > today) throw P.dateInFuture('concludedOn', body.concludedOn, today);
  const { ledger } = context.repos;
  return entryWrite(
    context,
    id,
    user,
    'handoverResult',
    body.baseRevision,
    async (trx) => {
      const handover = (await ledger.handovers(id, trx)).find((h) => h.id === handoverId);
      if (!handover) throw P.handoverNotFound(id, handoverId);
      if (handover.status === 'concluded') throw P.handoverConcluded(handoverId, handover.caseNumber);
      if (body.concludedOn < handover.handedOverOn) throw P.concludedBeforeHandover(body.concludedOn, handover.handedOverOn);
      await ledger.concludeHandover(handoverId, { caseNumber, result, concludedOn: body.concludedOn }, trx);
      await ledger.update(id, {}, true, trx);
      await ledger.insertEvent(
        { entryId: id, kind: 'handoverResult', note: result, detail: { handoverId, caseNumber }, userId: user.id },
        trx,
      );
    },
    () => ({ handoverId, caseNumber, concludedOn: body.concludedOn }),
  );
}

/** `POST /api/ledger/:id/notes`: adds a note to the history (open or closed entries alike). */
export async function addNote(context: LedgerContext, id: number, body: LedgerNoteBody, user: User): Promise<LedgerEntryView> {
  const note = text(body.note);
  if (!note) throw P.blankNote();
  const { ledger } = context.repos;
  return entryWrite(context, id, user, 'note', undefined, async (trx) => {
    await ledger.update(id, {}, false, trx);
    await ledger.insertEvent({ entryId: id, kind: 'note', note, userId: user.id }, trx);
  });
}

/**
 * `POST /api/ledger/:id/photos`: stores a checked photo (as taken: staff photos keep their
 * location, which documents the site) with its row, a `photo` event and the audit entry.
 */
export async function addPhoto(
  context: LedgerContext,
  id: number,
  photo: CheckedPhoto,
  user: User,
  store: PhotoStore,
  log: FastifyBaseLogger,
): Promise<LedgerEntryView> {
  const { ledger } = context.repos;
  let photoId: number | undefined;
  return withStagedPhoto(store, photo, log, (staged) =>
    entryWrite(
      context,
      id,
      user,
      'photo',
      undefined,
      async (trx) => {
        photoId = await attachPhoto(ledger, id, photo, staged!, user.id, trx);
        await ledger.update(id, {}, false, trx);
      },
      () => ({ photoId }),
    ),
  );
}
