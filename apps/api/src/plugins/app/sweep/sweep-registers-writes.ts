import type { Knex } from 'knex';
import type { GreenMine, GreenMineBody, GreenMineUpdateBody, Sanction, SanctionBody, SanctionUpdateBody } from '@mpm/contracts';
import { GLOSSARY, listingInForce } from '@mpm/domain';
import type { Bilingual, UserError } from '../../../http/errors.ts';
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

/** A stored listing: dated (listed, maybe delisted), versioned and stamped. */
interface ListingRow {
  id: number;
  listedOn: string;
  delistedOn: string | null;
  version: number;
  updatedBy: string | null;
  updatedAt: Date;
}

/** A listing as the API answers it: with whether it is in force today. */
type ListingView<Row extends ListingRow> = Omit<Row, 'updatedAt'> & { updatedAt: string; inForce: boolean };

/**
 * One register of dated listings (the sanction list, the green-mine directory): its table's SQL,
 * how a body becomes the fields written (checked, every refusal naming its field), what else
 * a write must hold against the stored rows, and how the register names a listing.
 */
interface DatedRegister<Body, Input, Row extends ListingRow> {
  /** The audit log's entity. */
  entity: string;
  repository(repos: SweepRegistersContext['repos']): {
    read(id: number, db: Knex): Promise<Row | undefined>;
    lock(id: number, trx: Knex): Promise<Row | undefined>;
    insert(input: Input, userId: number | null, trx: Knex): Promise<number>;
    update(id: number, input: Input, userId: number, trx: Knex): Promise<void>;
  };
  input(body: Body, today: string): Input;
  /** Refusals that need the database (inside the write's transaction); `exceptId` is the listing changed. */
  check?(context: SweepRegistersContext, input: Input, exceptId: number | null, trx: Knex): Promise<void>;
  notFound(id: number): UserError;
  label(row: Row): Bilingual;
}

/** The sanction list (异常名录 / 严重违法失信名单): a holder, reason and 文号 required. */
const SANCTIONS: DatedRegister<SanctionBody, SanctionInput, SanctionRow> = {
  entity: 'sanction',
  repository: (repos) => repos.sweepRegisters.sanctions,
  input(body, today) {
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
  },
  notFound: P.sanctionNotFound,
  label: (row) => ({ zh: `异常名录记录 ${row.id}（${row.holder}）`, en: `Sanction listing ${row.id} (${row.holder})` }),
};

/** The green-mine directory (绿色矿山名录): a mining right at a level, at most one open listing per right. */
const GREEN_MINES: DatedRegister<GreenMineBody, GreenMineInput, GreenMineRow> = {
  entity: 'green_mine',
  repository: (repos) => repos.sweepRegisters.greenMines,
  input(body, today) {
    const delistedOn = body.delistedOn ?? null;
    const delistingReason = text(body.delistingReason);
    checkedDates(body.listedOn, delistedOn, delistingReason, today);
    return { miningRightId: body.miningRightId, level: body.level, listedOn: body.listedOn, documentNo: text(body.documentNo), delistedOn, delistingReason };
  },
  /** Refuses a listing of a right that does not exist, or a second open listing of one mine. */
  async check(context, input, exceptId, trx) {
    const { greenMines } = context.repos.sweepRegisters;
    if (!(await greenMines.rightExists(input.miningRightId, trx))) throw P.miningRightNotFound(input.miningRightId);
    if (input.delistedOn !== null) return;
    const [open] = await greenMines.openListings(input.miningRightId, exceptId, trx);
    if (open) throw P.greenMineAlreadyListed(open.licenceNo, open.id);
  },
  notFound: P.greenMineNotFound,
  label: (row) => ({ zh: `绿色矿山名录记录 ${row.id}（${row.licenceNo}）`, en: `Green-mine listing ${row.id} (${row.licenceNo})` }),
};

const listingView = <Row extends ListingRow>(row: Row, today: string): ListingView<Row> => ({
  ...row,
  updatedAt: new Date(row.updatedAt).toISOString(),
  inForce: listingInForce(row, today),
});

/** The record as the audit log keeps it. */
const audited = <Row extends ListingRow>({ updatedBy: _by, updatedAt: _at, ...row }: Row) => row;
const auditedView = <Row extends ListingRow>({ updatedBy: _by, updatedAt: _at, inForce: _f, ...row }: ListingView<Row>) => row;

/** Lists in `register`, in one audited transaction. */
async function createListing<Body, Input, Row extends ListingRow>(
  register: DatedRegister<Body, Input, Row>,
  context: SweepRegistersContext,
  body: Body,
  user: User,
): Promise<ListingView<Row>> {
  const today = chinaToday(context.now);
  const input = register.input(body, today);
  const repository = register.repository(context.repos);
  return auditedWrite(context, {
    by: user.id,
    action: 'create',
    entity: register.entity,
    entityId: (view: ListingView<Row>) => view.id,
    write: async (trx) => {
      await register.check?.(context, input, null, trx);
      return listingView((await repository.read(await repository.insert(input, user.id, trx), trx))!, today);
    },
    before: () => null,
    after: auditedView,
  });
}

/** Changes a listing of `register` (a delisting included), from the version the caller read. */
async function updateListing<Body, Input, Row extends ListingRow>(
  register: DatedRegister<Body, Input, Row>,
  context: SweepRegistersContext,
  id: number,
  body: Body & { baseVersion?: number },
  user: User,
): Promise<ListingView<Row>> {
  const today = chinaToday(context.now);
  const { baseVersion, ...fields } = body;
  const input = register.input(fields as Body, today);
  const repository = register.repository(context.repos);
  return auditedWrite<Row, ListingView<Row>>(context, {
    by: user.id,
    action: 'update',
    entity: register.entity,
    entityId: id,
    read: async (trx) => (await repository.lock(id, trx)) ?? Promise.reject(register.notFound(id)),
    expected: {
      base: baseVersion,
      stamp: (row) => ({ version: row.version, by: row.updatedBy, at: row.updatedAt }),
      label: register.label,
    },
    write: async (trx) => {
      await register.check?.(context, input, id, trx);
      await repository.update(id, input, user.id, trx);
      return listingView((await repository.read(id, trx))!, today);
    },
    before: audited,
    after: auditedView,
    detail: () => ({ baseVersion: baseVersion ?? null }),
  });
}

/** `GET /api/sanctions`: every listing, with whether it is in force today. */
export async function sanctionsList(context: Pick<SweepRegistersContext, 'repos' | 'now'>): Promise<Sanction[]> {
  const today = chinaToday(context.now);
  return (await context.repos.sweepRegisters.sanctions.list()).map((row) => listingView(row, today));
}

/** `GET /api/green-mines`: every listing, exits included. */
export async function greenMinesList(context: Pick<SweepRegistersContext, 'repos' | 'now'>): Promise<GreenMine[]> {
  const today = chinaToday(context.now);
  return (await context.repos.sweepRegisters.greenMines.list()).map((row) => listingView(row, today));
}

/** `POST /api/sanctions`: lists a holder. */
export const createSanction = (context: SweepRegistersContext, body: SanctionBody, user: User): Promise<Sanction> =>
  createListing(SANCTIONS, context, body, user);

/** `PUT /api/sanctions/:id`: changes a listing (a delisting included). */
export const updateSanction = (context: SweepRegistersContext, id: number, body: SanctionUpdateBody, user: User): Promise<Sanction> =>
  updateListing(SANCTIONS, context, id, body, user);

/** `POST /api/green-mines`: lists a mine at a level. */
export const createGreenMine = (context: SweepRegistersContext, body: GreenMineBody, user: User): Promise<GreenMine> =>
  createListing(GREEN_MINES, context, body, user);

/** `PUT /api/green-mines/:id`: changes a listing (an exit: its day and reason). */
export const updateGreenMine = (context: SweepRegistersContext, id: number, body: GreenMineUpdateBody, user: User): Promise<GreenMine> =>
  updateListing(GREEN_MINES, context, id, body, user);
