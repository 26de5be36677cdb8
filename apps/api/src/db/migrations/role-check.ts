import type { Knex } from 'knex';
import { allowValues } from './check-constraint.ts';

/**
 * Replaces the check on `users.role` (named by PostgreSQL when 002 made it inline, or by an
 * earlier call of this) with one allowing `roles` (the callers' constants).
 */
export async function allowRoles(knex: Knex, roles: readonly string[]): Promise<void> {
  await allowValues(knex, 'users', 'role', roles);
}
