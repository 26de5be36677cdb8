import type { Knex } from 'knex';
import type { GreenMine, GreenMineBody, GreenMineUpdateBody, Sanction, SanctionBody, SanctionUpdateBody } from '@mpm/contracts';
import { GLOSSARY, listingInForce } from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import { SWEEP_PROBLEMS_HTTP as P } from './sweep-reasons.ts';
import type { GreenMineInput, GreenMineRow, SanctionInput, SanctionRow } from './sweep-registers-repository.ts';

/** What a register write needs from the app. */
export interface SweepRegistersContext {
  knex: Knex;
  repos: Pick<Repositories, 'sweepRegisters' | 'audit'>;
  now: Date;
}

/** Blank or absent text is no value. */
const text = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

/** The listing and delisting days and reason, checked: not after today, not upside down, an exit with its reason. */
function checkedDates(listedOn: string, delistedOn: string | null, delistingReason: string | null, today: string) {
  if (listedOn > today) throw P.listedInFuture(listedOn, today);
  if (delistedOn !== null && delistedOn < listedOn) throw P.delistedBeforeListed(listedOn, delistedOn);
  if (delistedOn !== null && delistingReason === null) throw P.delistingReasonRequired();
}

/** The sanction as written, checked before any transaction: every refusal names its field. */
function sanctionInput(body: SanctionBody, today: string): SanctionInput {
  const where = { zh: '异常名录记录', en: 'The sanction listing' };
  const documentNo = text(body.documentNo);
  if (!documentNo) throw P.documentNoRequired(where);
  const holder = text(body.holder);
  if (!holder) throw P.blankField(GLOSSARY.holder);
  const reason = text(body.reason);
  if (!reason) throw P.blankField(GLOSSARY.sanctionReason);
  const delistedOn = body.delistedOn ?? null;
  const delistingReason = text(body.delistingReason);
  checkedDates(body.listedOn, delistedOn, delistingReason, today);
  return { holder, reason, listedOn: body.listedOn, documentNo, delistedOn, delistingReason };
}

function greenMineInput(body: GreenMineBody, today: string): GreenMineInput {
  const delistedOn = body.delistedOn ?? null;
  const delistingReason = text(body.delistingReason);
  checkedDates(body.listedOn, delistedOn, delistingReason, today);
  return { miningRightId: body.miningRightId, level: body.level, listedOn: body.listedOn, documentNo: text(body.documentNo), delistedOn, delistingReason };
}

/** A stored listing as the API answers it: with whether it is in force today. */
const sanctionView = (row: SanctionRow, today: string): Sanction => ({ ...row, updatedAt: new Date(row.updatedAt).toISOString(), inForce: listingInForce(row, today) });
const greenMineView = (row: GreenMineRow, today: string): GreenMine => ({ ...row, updatedAt: new Date(row.updatedAt).toISOString(), inForce: listingInForce(row, today) });

/** The record as the audit log keeps it. */
const audited = ({ updatedBy: _by, updatedAt: _at, ...row }: SanctionRow | GreenMineRow) => row;

/** `GET /api/sanctions`: every listing, with whether it is in force today. */
export async function sanctionsList(context: Pick<SweepRegistersContext, 'repos' | 'now'>): Promise<Sanction[]> {
  const today = chinaToday(context.now);
  return (await context.repos.sweepRegisters.sanctions.list()).map((row) => sanctionView(row, today));
}

/** `GET /api/green-mines`: every listing, exits included. */
export async function greenMinesList(context: Pick<SweepRegistersContext, 'repos' | 'now'>): Promise<GreenMine[]> {
  const today = chinaToday(context.now);
  return (await context.repos.sweepRegisters.greenMines.list()).map((row) => greenMineView(row, today));
}

/** `POST /api/sanctions`: lists a holder, in one audited transaction. */
export async function createSanction(context: SweepRegistersContext, body: SanctionBody, user: User): Promise<Sanction> {
  const today = chinaToday(context.now);
  const input = sanctionInput(body, today);
  const { sanctions } = context.repos.sweepRegisters;
  return auditedWrite(context, {
    by: user.id,
    action: 'create',
    entity: 'sanction',
    entityId: (view: Sanction) => view.id,
    write: async (trx) => sanctionView((await sanctions.read(await sanctions.insert(input, user.id, trx), trx))!, today),
    before: () => null,
    after: ({ updatedBy: _by, updatedAt: _at, inForce: _f, ...row }) => row,
  });
}

/** `PUT /api/sanctions/:id`: changes a listing (a delisting included), from the version the caller read. */
export async function updateSanction(context: SweepRegistersContext, id: number, body: SanctionUpdateBody, user: User): Promise<Sanction> {
  const today = chinaToday(context.now);
  const { baseVersion, ...fields } = body;
  const input = sanctionInput(fields, today);
  const { sanctions } = context.repos.sweepRegisters;
  return auditedWrite<SanctionRow, Sanction>(context, {
    by: user.id,
    action: 'update',
    entity: 'sanction',
    entityId: id,
    read: async (trx) => (await sanctions.lock(id, trx)) ?? Promise.reject(P.sanctionNotFound(id)),
    expected: {
      base: baseVersion,
      stamp: (row) => ({ version: row.version, by: row.updatedBy, at: row.updatedAt }),
      label: (row) => ({ zh: `异常名录记录 ${row.id}（${row.holder}）`, en: `Sanction listing ${row.id} (${row.holder})` }),
    },
    write: async (trx) => {
      await sanctions.update(id, input, user.id, trx);
      return sanctionView((await sanctions.read(id, trx))!, today);
    },
    before: audited,
    after: ({ updatedBy: _by, updatedAt: _at, inForce: _f, ...row }) => row,
    detail: () => ({ baseVersion: baseVersion ?? null }),
  });
}

/** Refuses a listing of a right that does not exist, or a second open listing of one mine. */
async function checkGreenMine(context: SweepRegistersContext, input: GreenMineInput, exceptId: number | null, trx: Knex) {
  const { greenMines } = context.repos.sweepRegisters;
  if (!(await greenMines.rightExists(input.miningRightId, trx))) throw P.miningRightNotFound(input.miningRightId);
  if (input.delistedOn !== null) return;
  const [open] = await greenMines.openListings(input.miningRightId, exceptId, trx);
  if (open) throw P.greenMineAlreadyListed(open.licenceNo, open.id);
}

/** `POST /api/green-mines`: lists a mine at a level, in one audited transaction. */
export async function createGreenMine(context: SweepRegistersContext, body: GreenMineBody, user: User): Promise<GreenMine> {
  const today = chinaToday(context.now);
  const input = greenMineInput(body, today);
  const { greenMines } = context.repos.sweepRegisters;
  return auditedWrite(context, {
    by: user.id,
    action: 'create',
    entity: 'green_mine',
    entityId: (view: GreenMine) => view.id,
    write: async (trx) => {
      await checkGreenMine(context, input, null, trx);
      return greenMineView((await greenMines.read(await greenMines.insert(input, user.id, trx), trx))!, today);
    },
    before: () => null,
    after: ({ updatedBy: _by, updatedAt: _at, inForce: _f, ...row }) => row,
  });
}

/** `PUT /api/green-mines/:id`: changes a listing (an exit: its day and reason), from the version the caller read. */
export async function updateGreenMine(context: SweepRegistersContext, id: number, body: GreenMineUpdateBody, user: User): Promise<GreenMine> {
  const today = chinaToday(context.now);
  const { baseVersion, ...fields } = body;
  const input = greenMineInput(fields, today);
  const { greenMines } = context.repos.sweepRegisters;
  return auditedWrite<GreenMineRow, GreenMine>(context, {
    by: user.id,
    action: 'update',
    entity: 'green_mine',
    entityId: id,
    read: async (trx) => (await greenMines.lock(id, trx)) ?? Promise.reject(P.greenMineNotFound(id)),
    expected: {
      base: baseVersion,
      stamp: (row) => ({ version: row.version, by: row.updatedBy, at: row.updatedAt }),
      label: (row) => ({ zh: `绿色矿山名录记录 ${row.id}（${row.licenceNo}）`, en: `Green-mine listing ${row.id} (${row.licenceNo})` }),
    },
    write: async (trx) => {
      await checkGreenMine(context, input, id, trx);
      await greenMines.update(id, input, user.id, trx);
      return greenMineView((await greenMines.read(id, trx))!, today);
    },
    before: audited,
    after: ({ updatedBy: _by, updatedAt: _at, inForce: _f, ...row }) => row,
    detail: () => ({ baseVersion: baseVersion ?? null }),
  });
}
