/** Roles, from least to most privileged. `public` is the anonymous visitor. */
export const ROLES = ['public', 'inspector', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that count as bureau staff: they see every layer and field. */
export const STAFF_ROLES: readonly Role[] = ['inspector', 'planner', 'admin'];

export const isStaff = (role: Role): boolean => STAFF_ROLES.includes(role);
