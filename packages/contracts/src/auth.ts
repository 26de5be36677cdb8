import { Type, type Static } from 'typebox';

/** Fewest characters a password may have (a new account's, a changed one's); generated ones are longer. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * What is wrong with `password` as the chosen password of account `username`: too short, or the
 * user name is in it (in any case); `undefined` when it may be used.
 */
export function passwordProblem(password: string, username: string): 'passwordTooShort' | 'passwordHasUsername' | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'passwordTooShort';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'passwordHasUsername';
  return undefined;
}

/** The roles an account may have (`public` is the visitor who has none). */
export const STAFF_ROLE_IDS = ['inspector', 'planner', 'reviewer', 'dataManager', 'admin'] as const;
export const StaffRole = Type.Union([
  Type.Literal('inspector'),
  Type.Literal('planner'),
  Type.Literal('reviewer'),
  Type.Literal('dataManager'),
  Type.Literal('admin'),
]);
export type StaffRole = Static<typeof StaffRole>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const UserView = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: StaffRole,
  /** Set when an admin reset the password: the user changes it before doing anything else. */
  mustChangePassword: Type.Boolean(),
});
export type UserView = Static<typeof UserView>;

export const MeResponse = Type.Object({ user: Type.Union([UserView, Type.Null()]) });
export type MeResponse = Static<typeof MeResponse>;

/**
 * An account as the admin's user list shows it. `version` is what a change sends back as
 * `baseVersion`; `updatedBy` is the display name of whoever made it (null: the system).
 */
export const UserAccount = Type.Object({
  ...UserView.properties,
  active: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  /** Null when the user never signed in. */
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type UserAccount = Static<typeof UserAccount>;

export const UsersResponse = Type.Object({ users: Type.Array(UserAccount) });
export type UsersResponse = Static<typeof UsersResponse>;

/**
 * A new account. The role, user name and password are checked by the server with named
 * refusals (`unknownRole`, `badUsername`, `passwordTooShort`), so the schema only bounds sizes.
 */
export const CreateUserBody = Type.Object(
  {
    username: Type.String({ maxLength: 256 }),
    displayName: Type.String({ maxLength: 1000 }),
    role: Type.String({ maxLength: 64 }),
    password: Type.String({ maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

/** The version an admin's change to an account was based on (409 when it moved on). */
const BaseVersion = Type.Integer({ minimum: 1 });

/** `PATCH /api/users/:id`: a new role or display name, or both. */
export const UpdateUserBody = Type.Object(
  {
    baseVersion: BaseVersion,
    role: Type.Optional(Type.String({ maxLength: 64 })),
    displayName: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

/** Reset password, deactivate, reactivate: only the version the admin saw. */
export const UserVersionBody = Type.Object({ baseVersion: BaseVersion }, { additionalProperties: false });
export type UserVersionBody = Static<typeof UserVersionBody>;

export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type UserIdParams = Static<typeof UserIdParams>;

/** `POST /api/users/:id/reset-password`: the generated password, shown this once and never stored in clear. */
export const ResetPasswordResponse = Type.Object({ user: UserAccount, password: Type.String() });
export type ResetPasswordResponse = Static<typeof ResetPasswordResponse>;

/** `POST /api/users/:id/sign-out-everywhere`: the account, and how many sessions were ended. */
export const SignOutEverywhereResponse = Type.Object({ user: UserAccount, sessionsEnded: Type.Integer({ minimum: 0 }) });
export type SignOutEverywhereResponse = Static<typeof SignOutEverywhereResponse>;

/** `POST /api/users/sign-out-all`: every session but the admin's own ended, and how many were live. */
export const SignOutAllResponse = Type.Object({ sessionsEnded: Type.Integer({ minimum: 0 }) });
export type SignOutAllResponse = Static<typeof SignOutAllResponse>;

/** `POST /api/auth/password`: everyone's own password; the current one proves it is them. */
export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ maxLength: 256 }),
    newPassword: Type.String({ maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
