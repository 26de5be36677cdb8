import type { TermKey } from './glossary.ts';

/** Roles, from least to most privileged. `public` is the anonymous visitor. */
export const ROLES = ['public', 'inspector', 'planner', 'reviewer', 'dataManager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that count as bureau staff: they see every layer and field. A reviewer (审核员) reads
 * proposals and runs checks as a planner does, and decides submitted proposals (同意 / 退回). A data
 * manager (数据管理员) imports, edits and restores the county's layers, so sees every layer and field.
 */
export const STAFF_ROLES: readonly Role[] = ['inspector', 'planner', 'reviewer', 'dataManager', 'admin'];

/** Roles that may change the county's layers: import files, edit features, restore revisions. */
export const LAYER_EDITOR_ROLES = ['dataManager', 'admin'] as const satisfies readonly Role[];

/** Whether `role` may import, edit and restore layers (the server enforces it on each such route). */
export const canEditLayers = (role: Role): boolean => (LAYER_EDITOR_ROLES as readonly Role[]).includes(role);

export const isStaff = (role: Role): boolean => STAFF_ROLES.includes(role);

/** The glossary key of each staff role's name (执法巡查人员, 数据管理员…). */
export const ROLE_TERMS: Record<Exclude<Role, 'public'>, TermKey> = {
  inspector: 'inspector',
  planner: 'planner',
  reviewer: 'reviewer',
  dataManager: 'dataManager',
  admin: 'adminRole',
};
