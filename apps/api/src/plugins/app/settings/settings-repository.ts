import type { Knex } from 'knex';
import { BUFFER_KEYS, MAX_BUFFER_M, type BufferSettings, type BufferSettingsPatch } from '@mpm/contracts';

/** The `county_settings` key under which the county's buffer widths are stored. */
export const BUFFERS_KEY = 'buffers';

/**
 * The stored widths that are well formed: known keys with a number 0..20 000 m. Anything else
 * in the row (an old key, a hand edit) is ignored rather than trusted.
 */
export function storedBufferWidths(value: unknown): BufferSettingsPatch {
  const stored: BufferSettingsPatch = {};
  if (typeof value !== 'object' || value === null) return stored;
  for (const key of BUFFER_KEYS) {
    const width = (value as Record<string, unknown>)[key];
    if (typeof width === 'number' && width >= 0 && width <= MAX_BUFFER_M) stored[key] = width;
  }
  return stored;
}

/** The county's effective widths: the stored ones over the ruleset's defaults. */
export const effectiveBuffers = (defaults: BufferSettings, stored: BufferSettingsPatch): BufferSettings => ({
  ...defaults,
  ...stored,
});

/** County settings (`county_settings`): one JSON value per key. */
export function createSettingsRepository(knex: Knex) {
  async function read(key: string, trx: Knex = knex): Promise<unknown> {
    const row = await trx('county_settings').where({ key }).first('value');
    return row?.value;
  }

  return {
    /** The widths the county has set (only those; the ruleset supplies the rest). */
    async bufferWidths(trx: Knex = knex): Promise<BufferSettingsPatch> {
      return storedBufferWidths(await read(BUFFERS_KEY, trx));
    },

    /**
     * Sets some widths, keeping the others: merged in one statement, so two admins saving
     * different widths at once both keep theirs. Call inside the transaction of its audit entry.
     */
    async setBufferWidths(patch: BufferSettingsPatch, userId: number, trx: Knex = knex): Promise<void> {
      await trx.raw(
        `INSERT INTO county_settings (key, value, updated_at, updated_by) VALUES (?, ?::jsonb, now(), ?)
         ON CONFLICT (key) DO UPDATE
           SET value = county_settings.value || EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [BUFFERS_KEY, JSON.stringify(patch), userId],
      );
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
