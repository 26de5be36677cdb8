import type { Knex } from 'knex';
import { MAX_EXPIRING_WITHIN_DAYS, type InspectionSettings } from '@mpm/contracts';

/** The `county_settings` key of the inspection settings. */
export const INSPECTION_SETTINGS_KEY = 'inspection';

/** Until an admin sets it: licences ending within 90 days count as expiring soon. */
export const DEFAULT_INSPECTION_SETTINGS: InspectionSettings = { expiringWithinDays: 90 };

/** The stored settings that are well formed, over the defaults; a hand-edited row is not trusted. */
export function storedInspectionSettings(value: unknown): InspectionSettings {
  const days = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).expiringWithinDays : undefined;
  const ok = typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_EXPIRING_WITHIN_DAYS;
  return ok ? { expiringWithinDays: days } : { ...DEFAULT_INSPECTION_SETTINGS };
}

/** The county's inspection settings (`county_settings` under {@link INSPECTION_SETTINGS_KEY}). */
export function createInspectionSettingsRepository(knex: Knex) {
  return {
    async get(trx: Knex = knex): Promise<InspectionSettings> {
      const row = await trx('county_settings').where({ key: INSPECTION_SETTINGS_KEY }).first('value');
      return storedInspectionSettings(row?.value);
    },

    /** Replaces the settings; call inside the transaction of its audit entry. */
    async set(settings: InspectionSettings, userId: number, trx: Knex = knex): Promise<void> {
      await trx.raw(
        `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
         ON CONFLICT (key) DO UPDATE
           SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by, version = county_settings.version + 1`,
        [INSPECTION_SETTINGS_KEY, JSON.stringify(settings), userId],
      );
    },
  };
}

export type InspectionSettingsRepository = ReturnType<typeof createInspectionSettingsRepository>;
