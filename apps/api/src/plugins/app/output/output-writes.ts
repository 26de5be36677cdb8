import type { Knex } from 'knex';
import type { RecordOutputBody, RightOutputsResponse } from '@mpm/contracts';
import { FIRST_OUTPUT_YEAR, OVER_CAPACITY_BASIS, isOverCapacity } from '@mpm/domain';
import { auditedWrite } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import { OUTPUT_PROBLEMS as P } from './output-reasons.ts';
import type { OutputRight, OutputRow } from './output-repository.ts';

/** What the output records need from the app. */
export interface OutputContext {
  knex: Knex;
  repos: Pick<Repositories, 'output' | 'audit'>;
  now: Date;
}

/**
 * A right's output history as the register card shows it: each year flagged when its output
 * exceeds the licensed capacity, and one 超能力开采 finding per such year, citing seeds 004 and 003.
 */
export function outputsView(right: OutputRight, rows: readonly OutputRow[]): RightOutputsResponse {
  const outputs = rows.map((row) => ({
    ...row,
    overCapacity: isOverCapacity(row.output10kt, right.capacity10ktPerYear),
    updatedAt: new Date(row.updatedAt).toISOString(),
  }));
  const findings = outputs
    .filter((o) => o.overCapacity)
    .map((o) => ({
      ruleId: 'overCapacity',
      outcome: 'forbidden' as const,
      collection: 'mining_rights' as const,
      featureId: right.id,
      featureName: right.licenceNo,
      title: { zh: '超能力开采', en: 'Over-capacity production' },
      legalBasis: OVER_CAPACITY_BASIS,
      message: {
        zh: `${o.year} 年产量 ${o.output10kt} 万吨，超过核定生产能力 ${right.capacity10ktPerYear} 万吨/年。`,
        en: `Output in ${o.year} was ${o.output10kt} 万吨, above the licensed capacity of ${right.capacity10ktPerYear} 万吨/year.`,
      },
    }));
  return { id: right.id, licenceNo: right.licenceNo, capacity10ktPerYear: right.capacity10ktPerYear, outputs, findings };
}

/** A tonnage as given: finite and not negative, else the named refusal. */
function tonnage(field: 'output10kt' | 'sales10kt', value: number): number {
  if (!Number.isFinite(value)) throw P.notANumber(field);
  if (value < 0) throw P.negativeTonnage(field, value);
  return value;
}

/** `GET …/outputs`: the history of a mining right (404 when there is none). */
export async function rightOutputs(context: Pick<OutputContext, 'repos'>, id: number): Promise<RightOutputsResponse> {
  const right = await context.repos.output.right(id);
  if (!right) throw P.rightNotFound(id);
  return outputsView(right, await context.repos.output.list(id));
}

/**
 * `PUT …/outputs/:year` (admin): records a year's verified output and sales of a mining right in
 * one audited transaction, or replaces the year's record from the revision the caller saw (409
 * otherwise, naming who and when). Refuses, before writing anything, a year still to come, a
 * negative or non-finite tonnage and an unknown right.
 */
export async function recordOutput(context: OutputContext, id: number, year: number, body: RecordOutputBody, user: User): Promise<RightOutputsResponse> {
  const thisYear = Number(chinaToday(context.now).slice(0, 4));
  if (year > thisYear) throw P.yearInFuture(year, thisYear);
  if (year < FIRST_OUTPUT_YEAR) throw P.yearTooEarly(year, FIRST_OUTPUT_YEAR);
  const figures = {
    output10kt: tonnage('output10kt', body.output10kt),
    sales10kt: body.sales10kt === undefined || body.sales10kt === null ? null : tonnage('sales10kt', body.sales10kt),
    documentNo: body.documentNo?.trim() || null,
    note: body.note?.trim() || null,
  };
  const { output } = context.repos;
  return auditedWrite(context, {
    by: user.id,
    action: 'record_output',
    entity: 'right_outputs',
    entityId: `${id}/${year}`,
    read: async (trx) => {
      const right = await output.right(id, trx);
      if (!right) throw P.rightNotFound(id);
      return { right, existing: await output.lockYear(id, year, trx) };
    },
    expected: {
      // A year already recorded is replaced only from the revision the caller saw (0: none yet).
      base: body.baseRevision ?? 0,
      stamp: ({ existing }) => ({ version: existing?.revision ?? 0, by: existing?.recordedBy ?? null, at: existing?.updatedAt ?? new Date(0) }),
      label: ({ right }) => ({ zh: `采矿权 ${right.licenceNo} 的 ${year} 年产量`, en: `The ${year} output of mining right ${right.licenceNo}` }),
    },
    write: async (trx, { right, existing }) => {
      await output.save(right, year, figures, user.id, existing, trx);
      return outputsView(right, await output.list(id, trx));
    },
    before: ({ existing }) => existing ?? null,
    after: (result) => result.outputs.find((o) => o.year === year) ?? null,
    detail: (_result, { right }) => ({ licenceNo: right.licenceNo, year }),
  });
}
