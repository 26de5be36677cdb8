import type { FastifyRequest } from 'fastify';
import type { ProposalVersionView } from '@mpm/contracts';
import { proposalStepsFor } from '@mpm/domain';
import { areaReport } from '@mpm/geo';
import type { VersionRow, VersionSummaryRow } from '../../../plugins/app/proposals/proposals-repository.ts';

/** The proposal's workflow fields as the API serves them (who submitted it last stays inside). */
export const workflow = ({ status, revision, ownerId, ownerName, grantedLicenceNo }: VersionRow | VersionSummaryRow) => ({
  status,
  revision,
  ownerId,
  ownerName,
  grantedLicenceNo,
});

/**
 * A stored version as the API serves it to `request`'s user: areas in every unit, times as ISO
 * strings, and the workflow steps that user may take now.
 */
export const versionView = (row: VersionRow, request: FastifyRequest): ProposalVersionView => ({
  ...row,
  ...areaReport(row.areaM2),
  ...workflow(row),
  createdAt: new Date(row.createdAt).toISOString(),
  allowedSteps: proposalStepsFor(row, request.user && { userId: request.user.id, role: request.user.role }),
});

