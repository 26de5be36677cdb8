import { STAFF_ROLE_IDS, type StaffRole } from '@mpm/contracts';
import { ROLE_TERMS, term } from '@mpm/domain';
import { domainLanguage, type UiLanguage } from '../../i18n/languages.ts';


/** A role's name in the UI language (执法巡查人员, Planner…). */
export const roleName = (role: StaffRole, language: UiLanguage): string => term(ROLE_TERMS[role], domainLanguage(language));

/** The roles an admin can give, in the order the selects list them. */
export const STAFF_ROLES: readonly StaffRole[] = STAFF_ROLE_IDS;
