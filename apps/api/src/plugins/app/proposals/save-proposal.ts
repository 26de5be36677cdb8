import type { Knex } from 'knex';
import type { CheckBody, CreateProposalBody, UpdateProposalBody } from '@mpm/contracts';
import { UserError, notFound } from '../../../http/errors.ts';
import type { User } from '../auth/users-repository.ts';
import { runCheck, type CheckContext } from '../checks/run-check.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { chinaDateTime } from '../reports/china-time.ts';
import type { VersionRow } from './proposals-repository.ts';

/** What saving a proposal needs from the app. */
export interface SaveContext extends CheckContext {
  knex: Knex;
  repos: Pick<Repositories, 'checks' | 'settings' | 'proposals' | 'audit'>;
}

/** 404 for a proposal id (or version) that does not exist. */
export const proposalNotFound = (id: number, version?: number) =>
  version === undefined
    ? notFound('proposal_not_found', { zh: `方案 ${id} 不存在。`, en: `There is no proposal ${id}.` })
    : notFound('proposal_version_not_found', {
        zh: `方案 ${id} 没有第 ${version} 版。`,
        en: `Proposal ${id} has no version ${version}.`,
      });

/** 409: someone saved `current` after the caller loaded `base`. Names who and when. */
function versionConflict(name: string, base: number, current: number, author?: { createdBy: string; createdAt: Date }) {
  const by = author?.createdBy ?? '?';
  const at = author ? chinaDateTime(author.createdAt) : '?';
  return new UserError(409, 'version_conflict', {
    zh:
      `方案“${name}”已由 ${by} 于 ${at} 保存为第 ${current} 版，而您修改的是第 ${base} 版。` +
      '为免覆盖他人的修改，本次未保存；请重新加载最新版本后再修改。',
    en:
      `Proposal "${name}" was saved as version ${current} by ${by} at ${at} (China time), but your changes ` +
      `were made to version ${base}. Nothing was saved, so as not to overwrite theirs: reload the latest version and apply your changes again.`,
  });
}

/** The block and attributes of a save, exactly as `POST /api/check` takes them. */
const checkBody = ({ geometry, cornerList, proposal }: CheckBody): CheckBody => ({
  ...(geometry !== undefined && { geometry }),
  ...(cornerList !== undefined && { cornerList }),
  proposal,
});

/** Validates and checks the block as `POST /api/check` does (400 before anything is written). */
async function checkedVersion(context: SaveContext, body: CheckBody & { note?: string }) {
  const check = await runCheck(context, checkBody(body));
  return {
    geometry: check.geometry,
    proposal: body.proposal,
    cornerListText: body.cornerList?.text ?? null,
    cornerListZone: body.cornerList?.zone ?? null,
    note: body.note?.trim() ? body.note : null,
    worstOutcome: check.worstOutcome,
    rulesetId: check.rulesetId,
  };
}

/**
 * `POST /api/proposals`: checks the block, then writes the proposal, its version 1 and the
 * audit entry in one transaction. Returns version 1 as stored.
 */
export async function createProposal(context: SaveContext, body: CreateProposalBody, user: User): Promise<VersionRow> {
  const checked = await checkedVersion(context, body);
  const { repos } = context;
  return context.knex.transaction(async (trx) => {
    const id = await repos.proposals.insertProposal(body.name, user.id, trx);
    await repos.proposals.insertVersion({ ...checked, proposalId: id, version: 1, createdBy: user.id }, trx);
    await repos.audit.record(
      {
        userId: user.id,
        action: 'create',
        entity: 'proposal',
        entityId: id,
        detail: { version: 1, name: body.name, worstOutcome: checked.worstOutcome, fromCornerList: checked.cornerListText !== null },
      },
      trx,
    );
    return (await repos.proposals.version(id, 1, trx))!;
  });
}

/**
 * `PUT /api/proposals/:id`: checks the block, then, holding the proposal row locked, adds
 * version `baseVersion + 1` only when `baseVersion` is still the current version; otherwise
 * answers 409 `version_conflict` and writes nothing. The version, the new current version and
 * the audit entry commit together.
 */
export async function saveProposalVersion(context: SaveContext, id: number, body: UpdateProposalBody, user: User): Promise<VersionRow> {
  const { repos } = context;
  // Cheap answers first: the check below reads every layer near the block.
  if (!(await repos.proposals.exists(id))) throw proposalNotFound(id);
  const checked = await checkedVersion(context, body);
  return context.knex.transaction(async (trx) => {
    const locked = await repos.proposals.lockForSave(id, trx);
    if (!locked) throw proposalNotFound(id);
    if (locked.currentVersion !== body.baseVersion) {
      const author = await repos.proposals.author(id, locked.currentVersion, trx);
      throw versionConflict(locked.name, body.baseVersion, locked.currentVersion, author);
    }
    const version = locked.currentVersion + 1;
    const name = body.name ?? locked.name;
    await repos.proposals.insertVersion({ ...checked, proposalId: id, version, createdBy: user.id }, trx);
    await repos.proposals.setCurrentVersion(id, version, name, trx);
    await repos.audit.record(
      {
        userId: user.id,
        action: 'update',
        entity: 'proposal',
        entityId: id,
        detail: {
          version,
          baseVersion: body.baseVersion,
          ...(name !== locked.name && { renamedFrom: locked.name, name }),
          worstOutcome: checked.worstOutcome,
          fromCornerList: checked.cornerListText !== null,
        },
      },
      trx,
    );
    return (await repos.proposals.version(id, version, trx))!;
  });
}
