import type { Knex } from 'knex';
import type { PatchRoundBody } from '@mpm/contracts';
import type { Repositories } from '../repositories.plugin.ts';
import { auditedWrite } from '../audit/audited-write.ts';
import { codesExist, validatedPatchRound } from './patch-round.validation.ts';

/** PostgreSQL's unique_violation: another upload took a code between our check and our insert. */
const UNIQUE_VIOLATION = '23505';

/**
 * Loads a detection round of change patches, all or nothing: every feature is checked first
 * (see {@link validatedPatchRound}), then the codes against the stored ones, then all rows and
 * one audit entry are written in one transaction. Returns the new patches' ids.
 */
export async function loadPatchRound(
  context: { knex: Knex; repos: Pick<Repositories, 'checks' | 'inspection' | 'audit'> },
  body: PatchRoundBody,
  userId: number,
): Promise<number[]> {
  const { repos } = context;
  const patches = await validatedPatchRound(repos.checks, body.features, await repos.checks.countyExtent());
  const codes = patches.map((patch) => patch.code);
  try {
    return await auditedWrite(context, {
      by: userId,
      action: 'load_round',
      entity: 'change_patches',
      entityId: body.detectionRound,
      write: async (trx) => {
        const taken = await repos.inspection.patches.existingCodes(codes, trx);
        if (taken.length > 0) throw codesExist(taken);
        return repos.inspection.patches.insertRound(body.detectionRound, body.detectedOn, patches, trx);
      },
      after: (ids) => ({ ids }),
      detail: (ids) => ({ detectionRound: body.detectionRound, detectedOn: body.detectedOn, count: ids.length, codes }),
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw codesExist(codes);
    throw err;
  }
}
