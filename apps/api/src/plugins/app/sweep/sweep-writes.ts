import type { Knex } from 'knex';
import type { SweepLeadResponse, SweepRun } from '@mpm/contracts';
import { GLOSSARY, SWEEP_VIOLATION_TYPES } from '@mpm/domain';
import { sweepCollections, sweepRight } from '@mpm/rules';
import { auditedWrite } from '../audit/audited-write.ts';
import { insertLead } from '../ledger/ledger-writes.ts';
import type { User } from '../auth/users-repository.ts';
import { createPostgisEngine } from '../checks/checks-repository.ts';
import type { LoadedRuleset } from '../checks/ruleset.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaToday } from '../reports/china-time.ts';
import { rulesetInForce } from '../rulesets/ruleset-in-force.ts';
import { SWEEP_PROBLEMS_HTTP as P } from './sweep-reasons.ts';
import type { NewFinding } from './sweep-repository.ts';

/** What a sweep write needs from the app. */
export interface SweepContext {
  knex: Knex;
  repos: Pick<Repositories, 'sweep' | 'rulesets' | 'inspection' | 'ledger' | 'audit'>;
  ruleset: LoadedRuleset;
  now: Date;
}

/** PostgreSQL's SQLSTATE for a unique index (here the lead's primary key) refusing a row. */
const UNIQUE_VIOLATION = '23505';

/** A stored run with its table, as the API answers it. */
export async function runView(repos: Pick<Repositories, 'sweep'>, id: number | undefined, db?: Knex): Promise<SweepRun | null> {
  const run = await repos.sweep.run(id, db);
  if (!run) return null;
  const findings = await repos.sweep.findings(run.id, db);
  return { ...run, ranAt: new Date(run.ranAt).toISOString(), findings };
}

/**
 * The sweep of existing mines (存量矿山排查): every right not revoked, both registers, judged on
 * today's day (China time) under the ruleset in force — its area measured against the zone
 * layers by PostGIS on the ellipsoid, then `sweepRight` of `@mpm/rules` — and stored as one run
 * with its table, in one audited transaction. `user` null: the schedule ran it.
 */
export async function runSweep(context: SweepContext, user: User | null): Promise<SweepRun> {
  const { repos } = context;
  const asOf = chinaToday(context.now);
  return auditedWrite<undefined, SweepRun>(context, {
    by: user?.id ?? null,
    action: 'run',
    entity: 'sweep_run',
    entityId: (run) => run.id,
    write: async (trx) => {
      const { ruleset, version } = await rulesetInForce(repos.rulesets, context.ruleset, trx);
      const { expiringWithinDays } = await repos.inspection.settings.get(trx);
      const engine = createPostgisEngine(trx, ruleset.sliverToleranceM2);
      const request = { collections: sweepCollections(ruleset).map((collection) => ({ collection, withinM: 0 })) };
      const rights = await repos.sweep.rights(asOf, expiringWithinDays, trx);
      const rows: NewFinding[] = [];
      // One right at a time: PGlite has one connection, and this runs inside the transaction.
      for (const right of rights) {
        const measurements = await engine.measure(right.geometry, request);
        for (const hit of sweepRight({ ruleset, right, measurements })) {
          rows.push({ collection: right.collection, rightId: right.id, licenceNo: right.licenceNo, mineName: right.mineName, holder: right.holder, townshipCode: right.townshipCode, ...hit });
        }
      }
      const id = await repos.sweep.insertRun(
        { trigger: user ? 'manual' : 'scheduled', asOf, ranBy: user?.id ?? null, rulesetVersion: version.version, rightsSwept: rights.length },
        rows,
        trx,
      );
      return (await runView(repos, id, trx))!;
    },
    before: () => null,
    // The table is stored in the run; the log keeps what was found, not every text again.
    after: (run) => ({ asOf: run.asOf, trigger: run.trigger, rightsSwept: run.rightsSwept, findings: run.findings.map((f) => `${f.licenceNo}:${f.problem}`) }),
  });
}

/**
 * `POST /api/sweep/findings/:id/lead` (转为线索): makes the finding's problem a ledger entry
 * (source 排查, the right's boundary as its site, the violation type the problem names, the
 * finding with its legal basis kept as the entry's card), in one audited transaction. One lead
 * per right and problem, whatever run found it: the database's primary key holds it, and a
 * second ask is a 409 naming the lead made before.
 */
export async function findingToLead(context: SweepContext, findingId: number, user: User): Promise<SweepLeadResponse> {
  const { sweep, ledger } = context.repos;
  const finding = await sweep.finding(findingId);
  if (!finding) throw P.sweepFindingNotFound(findingId);
  const refuseTwice = async (db: Knex) => {
    const leadId = await sweep.leadOf(finding.collection, finding.rightId, finding.problem, db);
    if (leadId !== undefined) throw P.sweepLeadExists(finding.problem, finding.licenceNo, leadId);
  };
  const write = auditedWrite<undefined, SweepLeadResponse>(context, {
    by: user.id,
    action: 'lead',
    entity: 'sweep_finding',
    entityId: findingId,
    write: async (trx) => {
      await refuseTwice(trx);
      const geometry = await sweep.rightGeometry(finding.collection, finding.rightId, trx);
      if (!geometry) throw P.sweepFindingNotFound(findingId);
      const problem = GLOSSARY[finding.problem];
      const violationType = SWEEP_VIOLATION_TYPES[finding.problem];
      const id = await insertLead(
        ledger,
        {
          title: `${GLOSSARY.sourceSurvey.zh}：${finding.mineName ?? finding.licenceNo} ${problem.zh}`,
          source: 'survey',
          geometry,
          ...(violationType && { violationType }),
          siteCard: { sweepFinding: finding },
          note: `${finding.detail.zh}。依据：${finding.legalBasis.zh}`,
        },
        user.id,
        trx,
      );
      await sweep.insertLead({ collection: finding.collection, rightId: finding.rightId, problem: finding.problem, entryId: id, findingId }, trx);
      return { findingId, leadId: id };
    },
    before: () => null,
  });
  try {
    return await write;
  } catch (err) {
    // Two clicks at once: the primary key lets one through; the other names it.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) await refuseTwice(context.knex);
    throw err;
  }
}
