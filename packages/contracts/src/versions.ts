import { Type, type Static } from 'typebox';

/**
 * Where a county setting stands (buffer widths, indicator targets, inspection settings, the
 * county's profile, the restoration plan, a layer's publication): `version` counts its saves (0
 * while it was never saved) and is what a change sends back as `baseVersion`; staff also get who
 * saved it last (display name; null for the system) and when (null while never saved).
 */
export const SettingVersion = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  updatedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  updatedBy: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type SettingVersion = Static<typeof SettingVersion>;

/**
 * The version of a setting a change was based on. When given and the setting has moved on, the
 * change is refused (409 `versionConflict`, naming who saved the current version and when);
 * when left out, the change applies to whatever version is current.
 */
export const SettingBaseVersion = Type.Optional(Type.Integer({ minimum: 0 }));
