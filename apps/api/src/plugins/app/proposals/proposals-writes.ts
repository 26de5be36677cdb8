import type { Knex } from 'knex';
import type { CheckBody, CreateProposalBody, UpdateProposalBody } from '@mpm/contracts';
import { EDITABLE_PROPOSAL_STATUSES } from '@mpm/domain';
import { notFound } from '../../../http/errors.ts';
import { auditedWrite } from '../audit/audited-write.ts';
import type { User } from '../auth/users-repository.ts';
import { runCheck, type CheckContext } from '../checks/run-check.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { PROPOSAL_PROBLEMS } from './proposal-problems.ts';
import type { VersionRow } from './proposals-repository.ts';

/** What saving a proposal needs from the app. */
export interface SaveContext extends CheckContext {
  knex: Knex;
  repos: Pick<Repositories, 'checks' | 'settings' | 'rulesets' | 'proposals' | 'audit'>;
}

/** 404 for a proposal id (or version) that does not exist. */
export const proposalNotFound = (id: number, version?: number) =>
  version === undefined
    ? notFound('proposalNotFound', { zh: `方案 ${id} 不存在。`, en: `There is no proposal ${id}.` })
    : notFound('proposalVersionNotFound', {
        zh: `方案 ${id} 没有第 ${version} 版。`,
        en: `Proposal ${id} has no version ${version}.`,
      });

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
    rulesetVersion: check.rulesetVersion,
  };
}

/** The proposal as its audit entry keeps it: the version saved, not the whole block. */
export const audited = (row: VersionRow) => ({
  name: row.name,
  status: row.status,
  revision: row.revision,
  version: row.version,
  worstOutcome: row.worstOutcome,
  fromCornerList: row.cornerListText !== null,
});

/**
 * `POST /api/proposals`: checks the block, then writes the proposal, its version 1 and the
 * audit entry in one transaction. Returns version 1 as stored.
 */
export async function createProposal(context: SaveContext, body: CreateProposalBody, user: User): Promise<VersionRow> {
  const checked = await checkedVersion(context, body);
  const { proposals } = context.repos;
  return auditedWrite(context, {
    by: user.id,
    action: 'create',
    entity: 'proposal',
    entityId: (row) => row.id,
    write: async (trx) => {
      const id = await proposals.insertProposal(body.name, user.id, trx);
      await proposals.insertVersion({ ...checked, proposalId: id, version: 1, createdBy: user.id }, trx);
      return (await proposals.version(id, 1, trx))!;
    },
    after: audited,
  });
}

/**
 * `PUT /api/proposals/:id`: checks the block, then, holding the proposal row locked, adds
 * version `baseVersion + 1` only when `baseVersion` is still the current version; otherwise
 * answers 409 `versionConflict` naming who saved the current version and when, and writes
 * nothing. Only a draft, returned or withdrawn proposal takes a new version (else 409
 * `proposalNotEditable`). The version, the new current version and the audit entry commit together.
 */
export async function saveProposalVersion(context: SaveContext, id: number, body: UpdateProposalBody, user: User): Promise<VersionRow> {
  const { proposals } = context.repos;
  // Cheap answers first: the check below reads every layer near the block.
  if (!(await proposals.exists(id))) throw proposalNotFound(id);
  const checked = await checkedVersion(context, body);
  return auditedWrite(context, {
    by: user.id,
    action: 'update',
    entity: 'proposal',
    entityId: id,
    read: async (trx) => {
      const locked = await proposals.lockForSave(id, trx);
      if (!locked) throw proposalNotFound(id);
      return { ...locked, author: await proposals.author(id, locked.currentVersion, trx) };
    },
    expected: {
      base: body.baseVersion,
      stamp: ({ currentVersion, author }) => ({ version: currentVersion, by: author?.createdBy ?? null, at: author?.createdAt ?? new Date(0) }),
      label: ({ name }) => ({ zh: `方案“${name}”`, en: `Proposal "${name}"` }),
    },
    write: async (trx, locked) => {
      if (!EDITABLE_PROPOSAL_STATUSES.includes(locked.status)) throw PROPOSAL_PROBLEMS.notEditable(locked.name, locked.status);
      const version = locked.currentVersion + 1;
      await proposals.insertVersion({ ...checked, proposalId: id, version, createdBy: user.id }, trx);
      await proposals.setCurrentVersion(id, version, body.name ?? locked.name, user.id, trx);
      return (await proposals.version(id, version, trx))!;
    },
    before: ({ name, currentVersion, status, revision }) => ({ name, status, revision, version: currentVersion }),
    after: audited,
    detail: () => ({ baseVersion: body.baseVersion }),
  });
}
