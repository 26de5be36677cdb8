import { STAFF_ROLE_IDS, type StaffRole } from '@mpm/contracts';
import { term, type TermKey } from '@mpm/domain';
import { domainLanguage, type UiLanguage } from '../../i18n/languages.ts';

/** Glossary key of each staff role's name. */
const ROLE_TERMS: Record<StaffRole, TermKey> = { inspector: 'inspector', planner: 'planner', reviewer: 'reviewer', admin: 'adminRole' };

/** A role's name in the UI language (执法巡查人员, Planner…). */
export const roleName = (role: StaffRole, language: UiLanguage): string => term(ROLE_TERMS[role], domainLanguage(language));

/** The roles an admin can give, in the order the selects list them. */
export const STAFF_ROLES: readonly StaffRole[] = STAFF_ROLE_IDS;
