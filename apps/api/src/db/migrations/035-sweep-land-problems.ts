import type { Knex } from 'knex';
import { allowValues } from './check-constraint.ts';
import { SWEEP_PROBLEMS_019 } from './019-sweep.ts';

/**
 * Three more problems of the sweep of existing mines (issue #15): inside 三区三线's urban
 * development boundary and on forest land, grassland or wetland (seed 002 三（一）、三（二）), and
 * a listed green mine whose area lies in a protected area (002 三（五）).
 */
const SWEEP_PROBLEMS_035 = [...SWEEP_PROBLEMS_019, 'inUrbanDevelopmentBoundary', 'onForestGrassWetland', 'greenMineInProtectedArea'];

export async function up(knex: Knex): Promise<void> {
  for (const table of ['sweep_findings', 'sweep_leads']) await allowValues(knex, table, 'problem', SWEEP_PROBLEMS_035);
}

export async function down(): Promise<void> {
  // Findings of the new problems are a run's record, and their leads are append-only: they stay, so does the check.
}
