import fp from 'fastify-plugin';
import type { Knex } from 'knex';
import { createLayersRepository, type LayersRepository } from './layers/layers-repository.ts';
import { createUsersRepository, type UsersRepository } from './auth/users-repository.ts';
import { createAuditRepository, type AuditRepository } from './audit/audit-repository.ts';
import { createSettingsRepository, type SettingsRepository } from './settings/settings-repository.ts';
import { createChecksRepository, type ChecksRepository } from './checks/checks-repository.ts';
import { createProposalsRepository, type ProposalsRepository } from './proposals/proposals-repository.ts';
import { createReportsRepository, type ReportsRepository } from './reports/reports-repository.ts';
import { createInspectionRepository, type InspectionRepository } from './inspection/inspection-repository.ts';
import { createLedgerRepository, type LedgerRepository } from './ledger/ledger-repository.ts';
import { createRestorationRepository, type RestorationRepository } from './restoration/restoration-repository.ts';
import { createImportsRepository, type ImportsRepository } from './imports/imports-repository.ts';
import { createTilesRepository, type TilesRepository } from './tiles/tiles-repository.ts';
import { createRulesetsRepository, type RulesetsRepository } from './rulesets/rulesets-repository.ts';
import { createLicencesRepository, type LicencesRepository } from './licences/licences-repository.ts';
import { createParcelsRepository, type ParcelsRepository } from './restoration/parcels-repository.ts';
import { createSweepRegistersRepository, type SweepRegistersRepository } from './sweep/sweep-registers-repository.ts';
import { createSweepRepository, type SweepRepository } from './sweep/sweep-repository.ts';
import { createLayerEditsRepository, type LayerEditsRepository } from './layer-edits/layer-edits-repository.ts';
import { createCampaignsRepository, type CampaignsRepository } from './campaigns/campaigns-repository.ts';
import { createOutputRepository, type OutputRepository } from './output/output-repository.ts';
import { createDepthRepository, type DepthRepository } from './depth/depth-repository.ts';

export interface Repositories {
  layers: LayersRepository;
  users: UsersRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  checks: ChecksRepository;
  proposals: ProposalsRepository;
  reports: ReportsRepository;
  inspection: InspectionRepository;
  ledger: LedgerRepository;
  restoration: RestorationRepository;
  imports: ImportsRepository;
  tiles: TilesRepository;
  rulesets: RulesetsRepository;
  licences: LicencesRepository;
  parcels: ParcelsRepository;
  sweepRegisters: SweepRegistersRepository;
  sweep: SweepRepository;
  layerEdits: LayerEditsRepository;
  campaigns: CampaignsRepository;
  output: OutputRepository;
  depth: DepthRepository;
}

export const createRepositories = (knex: Knex): Repositories => ({
  layers: createLayersRepository(knex),
  users: createUsersRepository(knex),
  audit: createAuditRepository(knex),
  settings: createSettingsRepository(knex),
  checks: createChecksRepository(knex),
  proposals: createProposalsRepository(knex),
  reports: createReportsRepository(knex),
  inspection: createInspectionRepository(knex),
  ledger: createLedgerRepository(knex),
  restoration: createRestorationRepository(knex),
  imports: createImportsRepository(knex),
  tiles: createTilesRepository(knex),
  rulesets: createRulesetsRepository(knex),
  licences: createLicencesRepository(knex),
  parcels: createParcelsRepository(knex),
  sweepRegisters: createSweepRegistersRepository(knex),
  sweep: createSweepRepository(knex),
  layerEdits: createLayerEditsRepository(knex),
  campaigns: createCampaignsRepository(knex),
  output: createOutputRepository(knex),
  depth: createDepthRepository(knex),
});

declare module 'fastify' {
  interface FastifyInstance {
    knex: Knex;
    databaseKind: 'pglite' | 'postgres';
    repos: Repositories;
  }
}

/** Makes the database and its repositories available to routes (the only holders of SQL). */
export default fp<{ knex: Knex; kind: 'pglite' | 'postgres' }>(
  async (app, { knex, kind }) => {
    app.decorate('knex', knex);
    app.decorate('databaseKind', kind);
    app.decorate('repos', createRepositories(knex));
  },
  { name: 'repositories' },
);
