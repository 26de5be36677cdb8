import type { FastifyBaseLogger } from 'fastify';
import type { TipOffResponse, TipOffStatusResponse } from '@mpm/contracts';
import { UserError, badRequest, notFound, type Bilingual } from '../../../http/errors.ts';
import { withStagedPhoto, type CheckedPhoto } from '../photos/photo-upload.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import { attachPhoto, type LedgerContext } from './ledger-writes.ts';
import { auditedWrite } from '../audit/audited-write.ts';
import { RECEIPT_HINT_LENGTH, formatReceiptCode, newReceiptCode, normaliseReceiptCode, receiptHash } from './receipt-code.ts';
import { checkedSite } from './ledger-site.ts';
import { LON_LAT_SWAPPED, OUTSIDE_COUNTY, OUT_OF_RANGE } from '../checks/block-reasons.ts';

/** The text fields of a tip-off form; the photo comes as the file field `photo`. */
export const TIP_OFF_FIELDS = ['lon', 'lat', 'description', 'contact'] as const;

/** Limits of the text fields, in characters. */
export const MAX_DESCRIPTION_CHARS = 2000;
export const MAX_CONTACT_CHARS = 200;

/** Characters of the description that make the entry's title. */
const TITLE_CHARS = 40;

/** A tip-off as sent, its fields checked. */
export interface TipOffInput {
  lon: number;
  lat: number;
  description: string;
  contact: string | null;
}

const NAMES: Record<(typeof TIP_OFF_FIELDS)[number], Bilingual> = {
  lon: { zh: '经度（lon）', en: 'The longitude (lon)' },
  lat: { zh: '纬度（lat）', en: 'The latitude (lat)' },
  description: { zh: '情况描述（description）', en: 'The description (description)' },
  contact: { zh: '联系方式（contact）', en: 'The contact (contact)' },
};

const missing = (field: (typeof TIP_OFF_FIELDS)[number]) =>
  badRequest('missingField', { zh: `缺少${NAMES[field].zh}。`, en: `${NAMES[field].en} is missing.` });

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function coordinate(fields: Record<string, string>, field: 'lon' | 'lat'): number {
  const raw = fields[field]?.trim();
  if (raw === undefined || raw === '') throw missing(field);
  if (!DECIMAL.test(raw)) {
    throw badRequest('invalidCoordinate', {
      zh: `${NAMES[field].zh}“${raw.slice(0, 40)}”不是十进制度数（如 108.3612）。`,
      en: `${NAMES[field].en} "${raw.slice(0, 40)}" is not decimal degrees (e.g. 108.3612).`,
    });
  }
  const value = Number(raw);
  const limit = field === 'lon' ? 180 : 90;
  if (Math.abs(value) > limit) {
    throw badRequest(OUT_OF_RANGE, {
      zh: `${NAMES[field].zh} ${raw} 超出范围（−${limit}…${limit}）。`,
      en: `${NAMES[field].en} ${raw} is outside −${limit}…${limit}.`,
    });
  }
  return value;
}

function textField(fields: Record<string, string>, field: 'description' | 'contact', max: number): string | null {
  const value = fields[field]?.trim() ?? '';
  if (value === '') return null;
  const length = [...value].length;
  if (length > max) {
    throw badRequest('fieldTooLong', {
      zh: `${NAMES[field].zh}有 ${length} 个字，最多 ${max} 个。`,
      en: `${NAMES[field].en} has ${length} characters; at most ${max} are allowed.`,
    });
  }
  return value;
}

/** Whether `[lon, lat]` reads as a place in China given as [lat, lon]. */
const swapped = (lon: number, lat: number) => lon >= 15 && lon <= 55 && lat >= 70 && lat <= 140;

/** Checks a tip-off's text fields; throws a 400 naming the field. */
export function tipOffInput(fields: Record<string, string>): TipOffInput {
  const [rawLon, rawLat] = [Number(fields.lon), Number(fields.lat)];
  if (swapped(rawLon, rawLat)) {
    throw badRequest(LON_LAT_SWAPPED, {
      zh: `经度（lon）与纬度（lat）顺序颠倒：lon=${rawLon}、lat=${rawLat}，应为 lon=${rawLat}、lat=${rawLon}。`,
      en: `The longitude (lon) and latitude (lat) are swapped: lon=${rawLon}, lat=${rawLat} should be lon=${rawLat}, lat=${rawLon}.`,
    });
  }
  const lon = coordinate(fields, 'lon');
  const lat = coordinate(fields, 'lat');
  const description = textField(fields, 'description', MAX_DESCRIPTION_CHARS);
  if (!description) throw missing('description');
  return { lon, lat, description, contact: textField(fields, 'contact', MAX_CONTACT_CHARS) };
}

/** What a member of the public reads when the marked place lies outside the county. */
const PLACE_OUTSIDE_COUNTY: Bilingual = {
  zh: '您标记的位置不在本县境内，本局无法受理。请在地图上把标记移到发现问题的地方，再提交。',
  en: 'The place you marked is outside the county, so the bureau cannot take it up. Move the marker on the map to where you saw the problem, then send it again.',
};

/**
 * `POST /api/tip-offs`: checks the place (near the county), then writes the ledger entry (source
 * `tipOff`, status 待核查, the description as the note of its `created` event, the contact kept
 * for staff), the photo (already stripped of its metadata) and the audit entry in one
 * transaction. Only a hash of the receipt code is stored; the code is answered once.
 */
export async function createTipOff(
  context: LedgerContext,
  input: TipOffInput,
  photo: CheckedPhoto | undefined,
  store: PhotoStore,
  log: FastifyBaseLogger,
): Promise<TipOffResponse> {
  const geometry = await checkedSite(context.repos, { type: 'Point', coordinates: [input.lon, input.lat] }).catch((err: unknown) => {
    // The public is not asked about coordinate systems: a place outside the county is said in plain words.
    if (err instanceof UserError && err.code === OUTSIDE_COUNTY) throw badRequest(OUTSIDE_COUNTY, PLACE_OUTSIDE_COUNTY);
    throw err;
  });
  const receiptCode = newReceiptCode();
  const { ledger } = context.repos;
  const firstLine = input.description.split(/\r?\n/)[0];
  const title = `群众举报：${[...firstLine].length > TITLE_CHARS ? `${[...firstLine].slice(0, TITLE_CHARS).join('')}…` : firstLine}`;
  let photoId: number | null = null;
  const { createdAt } = await withStagedPhoto(store, photo, log, (staged) =>
    auditedWrite(context, {
      by: null,
      action: 'create',
      entity: 'ledger_entry',
      entityId: (created: { id: number }) => created.id,
      write: async (trx) => {
        const { id, createdAt } = await ledger.insertEntry(
          {
            title,
            source: 'tipOff',
            geometry,
            patchId: null,
            violationType: null,
            responsibleUnit: null,
            responsiblePerson: null,
            rectificationMeasures: null,
            deadline: null,
            siteCard: undefined,
            receiptHash: receiptHash(receiptCode),
            receiptHint: normaliseReceiptCode(receiptCode).slice(0, RECEIPT_HINT_LENGTH),
            reporterContact: input.contact,
            createdBy: null,
          },
          trx,
        );
        await ledger.insertEvent({ entryId: id, kind: 'created', to: 'pending', note: input.description, userId: null }, trx);
        if (staged && photo) photoId = await attachPhoto(ledger, id, photo, staged, null, trx);
        return { id, createdAt };
      },
      after: ({ id }) => ({ id, source: 'tipOff', title, photoId }),
      detail: () => ({ source: 'tipOff', photoId }),
    }),
  );
  return { receiptCode, status: 'pending', createdAt: new Date(createdAt).toISOString() };
}

/** The one answer for a code that does not exist, whatever it looks like. */
const unknownReceipt = () =>
  notFound('tipOffNotFound', {
    zh: '没有与该查询码对应的举报，请核对查询码。',
    en: 'No tip-off has this receipt code; check the code.',
  });

/**
 * `GET /api/tip-offs/:receiptCode`: what a reporter may see (the status and when it changed; no
 * names, no notes). Every code, well-formed or not, is hashed and looked up the same way, so the
 * answer's timing says nothing about how close a guess was.
 */
export async function tipOffStatus(context: Pick<LedgerContext, 'repos'>, code: string): Promise<TipOffStatusResponse> {
  const found = await context.repos.ledger.tipOff(receiptHash(code));
  if (!found) throw unknownReceipt();
  const history = found.steps.map((step) => ({ status: step.status, at: new Date(step.at).toISOString() }));
  return {
    receiptCode: formatReceiptCode(normaliseReceiptCode(code)),
    status: found.status,
    createdAt: new Date(found.createdAt).toISOString(),
    updatedAt: history.at(-1)?.at ?? new Date(found.updatedAt).toISOString(),
    history,
  };
}
