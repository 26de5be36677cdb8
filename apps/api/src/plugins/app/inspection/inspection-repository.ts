import type { Knex } from 'knex';
import { createInspectionSettingsRepository } from './inspection-settings-repository.ts';
import { createPatchesRepository } from './patches-repository.ts';
import { createRightsRepository } from './rights-repository.ts';
import { createSiteRepository } from './site-repository.ts';

/** SQL of the inspector's work, by subject: the site card, the licence register, change patches, settings. */
export function createInspectionRepository(knex: Knex) {
  return {
    site: createSiteRepository(knex),
    rights: createRightsRepository(knex),
    patches: createPatchesRepository(knex),
    settings: createInspectionSettingsRepository(knex),
  };
}

export type InspectionRepository = ReturnType<typeof createInspectionRepository>;
