/** Roles, from least to most privileged. `public` is the anonymous visitor. */
export const ROLES = ['public', 'inspector', 'planner', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that count as bureau staff: they see every layer and field. A reviewer (审核员) reads
 * proposals and runs checks as a planner does, and decides submitted proposals (同意 / 退回).
 */
export const STAFF_ROLES: readonly Role[] = ['inspector', 'planner', 'reviewer', 'admin'];

export const isStaff = (role: Role): boolean => STAFF_ROLES.includes(role);
