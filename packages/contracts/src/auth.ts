import { Type, type Static } from 'typebox';

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
  role: Type.Union([Type.Literal('inspector'), Type.Literal('planner'), Type.Literal('admin')]),
});
export type UserView = Static<typeof UserView>;

export const MeResponse = Type.Object({ user: Type.Union([UserView, Type.Null()]) });
export type MeResponse = Static<typeof MeResponse>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9_.-]{2,32}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    role: Type.Union([Type.Literal('inspector'), Type.Literal('planner'), Type.Literal('admin')]),
    password: Type.String({ minLength: 10, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;
