import { PASSWORD_MIN_LENGTH, STAFF_ROLE_IDS, type StaffRole } from '@mpm/contracts';
import { GLOSSARY, ROLE_TERMS } from '@mpm/domain';
import { UserError, badRequest, notFound } from '../../../http/errors.ts';

/** The name of each role, in both languages. */
export const ROLE_NAMES = Object.fromEntries(STAFF_ROLE_IDS.map((role) => [role, GLOSSARY[ROLE_TERMS[role]]])) as Record<StaffRole, { zh: string; en: string }>;

/** Longest display name, in characters. */
export const DISPLAY_NAME_MAX = 64;
/** Longest password, in characters (Argon2 takes any length; this bounds the work). */
export const PASSWORD_MAX = 256;

const roleList = (lang: 'zh' | 'en') =>
  lang === 'zh'
    ? STAFF_ROLE_IDS.map((r) => `${r}（${ROLE_NAMES[r].zh}）`).join('、')
    : STAFF_ROLE_IDS.map((r) => `${r} (${ROLE_NAMES[r].en})`).join(', ');

/** Every refusal of an account write, with its status, code and message in both languages. */
export const USER_PROBLEMS = {
  userNotFound: (id: number) => notFound('userNotFound', { zh: `用户 ${id} 不存在。`, en: `There is no user ${id}.` }),

  usernameTaken: (username: string) =>
    new UserError(409, 'usernameTaken', {
      zh: `用户名“${username}”已存在。`,
      en: `The user name "${username}" is taken.`,
    }),

  badUsername: () =>
    badRequest('badUsername', {
      zh: '用户名须为 2–32 个字符，只能包含英文字母、数字和 _ . -。',
      en: 'A user name has 2 to 32 characters: Latin letters, digits, _ . and - only.',
    }),

  unknownRole: (role: string) =>
    badRequest('unknownRole', {
      zh: `没有“${role.slice(0, 32)}”这一角色；可选角色：${roleList('zh')}。`,
      en: `There is no role "${role.slice(0, 32)}"; the roles are ${roleList('en')}.`,
    }),

  blankDisplayName: () => badRequest('blankDisplayName', { zh: '姓名（显示名称）不能为空白。', en: 'The display name must not be blank.' }),

  displayNameTooLong: (length: number) =>
    badRequest('displayNameTooLong', {
      zh: `姓名（显示名称）最多 ${DISPLAY_NAME_MAX} 个字符，现为 ${length} 个。`,
      en: `A display name has at most ${DISPLAY_NAME_MAX} characters; this one has ${length}.`,
    }),

  passwordTooShort: () =>
    badRequest('passwordTooShort', {
      zh: `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符。`,
      en: `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`,
    }),

  passwordHasUsername: () =>
    badRequest('passwordHasUsername', {
      zh: '密码不能是用户名，也不能包含用户名。',
      en: 'A password must not be the user name or contain it.',
    }),

  nothingToChange: () =>
    badRequest('nothingToChange', {
      zh: '请求中没有要修改的内容（role 或 displayName）。',
      en: 'The request changes nothing: send a role or a displayName.',
    }),

  lastAdmin: (action: 'demote' | 'deactivate') =>
    new UserError(409, 'lastAdmin', {
      zh:
        (action === 'demote' ? '不能更改该用户的角色：' : '不能停用该用户：') +
        '他是唯一在用的管理员，系统至少需要一名管理员。请先为另一名用户设置管理员角色。',
      en:
        (action === 'demote' ? 'This user’s role cannot change: ' : 'This user cannot be deactivated: ') +
        'they are the only active administrator, and there must be one. Make another user an administrator first.',
    }),

  cannotDeactivateSelf: () =>
    badRequest('cannotDeactivateSelf', {
      zh: '不能停用自己的账号；如确需停用，请由另一名管理员操作。',
      en: 'You cannot deactivate your own account; another administrator can.',
    }),

  alreadyInactive: (username: string) =>
    new UserError(409, 'alreadyInactive', { zh: `用户“${username}”已停用。`, en: `User "${username}" is already deactivated.` }),

  alreadyActive: (username: string) =>
    new UserError(409, 'alreadyActive', { zh: `用户“${username}”已是启用状态。`, en: `User "${username}" is already active.` }),

  wrongCurrentPassword: () =>
    new UserError(403, 'wrongCurrentPassword', { zh: '当前密码不正确，密码未修改。', en: 'The current password is wrong; nothing was changed.' }),

  samePassword: () =>
    badRequest('samePassword', { zh: '新密码不能与当前密码相同。', en: 'The new password must differ from the current one.' }),

  passwordChangeRequired: () =>
    new UserError(403, 'passwordChangeRequired', {
      zh: '管理员已重置您的密码：请先修改密码，再继续操作。',
      en: 'An administrator reset your password: change it before doing anything else.',
    }),
};
