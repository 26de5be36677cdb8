import type { Knex } from 'knex';
import type { BlockSettings, CountyProfile, BufferSettings, BufferSettingsPatch, IndicatorTargetsPatch, InspectionSettings, SweepSettings } from '@mpm/contracts';
import type { PlanIndicatorTargets } from '@mpm/rules';
import { auditedWrite, type WriteSpec } from '../audit/audited-write.ts';
import type { Bilingual } from '../../../http/errors.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { INSPECTION_SETTINGS_KEY } from '../inspection/inspection-settings-repository.ts';
import { SWEEP_SETTINGS_KEY } from '../sweep/sweep-repository.ts';
import { checkedCountyProfile, countyProfile } from './county-profile.ts';
import { expectedSetting } from './setting-version.ts';
import { checkedTargetSteps } from './target-steps.validation.ts';
import { BLOCKS_KEY, BUFFERS_KEY, COUNTY_KEY, INDICATORS_KEY, effectiveBuffers, effectiveIndicators, type StoredVersion } from './settings-repository.ts';

/** What a settings write needs from the app. */
export interface SettingsContext {
  knex: Knex;
  repos: Pick<Repositories, 'settings' | 'inspection' | 'audit' | 'sweep'>;
}

/** A county setting as a write reads and answers it: its value, and its version with who saved it and when. */
export interface Versioned<T> {
  value: T;
  saved: StoredVersion;
}

/** The version a change was based on (undefined: any) and how a 409 names the setting. */
interface Basis {
  base: number | undefined;
  label: Bilingual;
}

/**
 * One write of the county setting under `key`: it holds the setting, reads it with its version,
 * refuses a stale `base`, writes, and reads it again. The audit keeps the values before and
 * after, and the versions.
 */
function settingWrite<T>(
  context: SettingsContext,
  key: string,
  userId: number,
  { base, label }: Basis,
  value: (trx: Knex) => Promise<T>,
  write: (trx: Knex, current: T) => Promise<void>,
  audited: (value: T) => unknown = (v) => v,
): Promise<Versioned<T>> {
  const { settings } = context.repos;
  const read = async (trx: Knex, lock: boolean): Promise<Versioned<T>> => {
    const saved = await settings.version(key, trx, lock);
    return { saved, value: await value(trx) };
  };
  const spec: WriteSpec<Versioned<T>, Versioned<T>> = {
    by: userId,
    action: 'update',
    entity: 'county_settings',
    entityId: key,
    read: (trx) => read(trx, true),
    expected: expectedSetting(base, (current) => current.saved, label),
    write: async (trx, current) => {
      await write(trx, current.value);
      return read(trx, false);
    },
    before: (current) => audited(current.value),
    after: (result) => audited(result.value),
    detail: (result, current) => ({ baseVersion: base ?? null, fromVersion: current.saved.version, version: result.saved.version }),
  };
  return auditedWrite(context, spec);
}

/** How a 409 names each setting. */
export const SETTING_LABELS = {
  buffers: { zh: '缓冲距离设置', en: 'The buffer width setting' },
  indicators: { zh: '规划指标目标设置', en: 'The plan indicator target setting' },
  inspection: { zh: '巡查设置', en: 'The inspection setting' },
  sweep: { zh: '存量矿山排查周期设置', en: 'The sweep schedule setting' },
  county: { zh: '县情设置', en: 'The county profile' },
  blocks: { zh: '最小地块面积设置', en: 'The minimum block area setting' },
} as const satisfies Record<string, Bilingual>;

/** `PUT /api/settings/buffers`: sets some widths, keeping the others. Returns the effective widths. */
export function setBufferWidths(
  context: SettingsContext,
  defaults: BufferSettings,
  patch: BufferSettingsPatch,
  userId: number,
  base?: number,
): Promise<Versioned<BufferSettings>> {
  const { settings } = context.repos;
  return settingWrite(
    context,
    BUFFERS_KEY,
    userId,
    { base, label: SETTING_LABELS.buffers },
    async (trx) => effectiveBuffers(defaults, await settings.bufferWidths(trx)),
    (trx) => settings.setBufferWidths(patch, userId, trx),
  );
}

/** `PUT /api/settings/indicators`: sets some indicator targets, keeping the others. Returns the effective targets. */
export function setIndicatorTargets(
  context: SettingsContext,
  defaults: PlanIndicatorTargets,
  patch: IndicatorTargetsPatch,
  userId: number,
  base?: number,
): Promise<Versioned<PlanIndicatorTargets>> {
  const { settings } = context.repos;
  const withoutBasis = ({ legalBasis: _basis, ...targets }: PlanIndicatorTargets) => targets;
  const steps = patch.largeMediumRatioSteps;
  if (steps) patch = { ...patch, largeMediumRatioSteps: checkedTargetSteps('largeMediumRatioSteps', steps) };
  return settingWrite(
    context,
    INDICATORS_KEY,
    userId,
    { base, label: SETTING_LABELS.indicators },
    async (trx) => effectiveIndicators(defaults, await settings.indicatorTargets(trx)),
    (trx) => settings.setIndicatorTargets(patch, userId, trx),
    withoutBasis,
  );
}

/** `PUT /api/settings/inspection`: replaces the inspection settings. */
export function setInspectionSettings(
  context: SettingsContext,
  value: InspectionSettings,
  userId: number,
  base?: number,
): Promise<Versioned<InspectionSettings>> {
  const { inspection } = context.repos;
  return settingWrite(
    context,
    INSPECTION_SETTINGS_KEY,
    userId,
    { base, label: SETTING_LABELS.inspection },
    (trx) => inspection.settings.get(trx),
    (trx) => inspection.settings.set(value, userId, trx),
  );
}

/**
 * `PUT /api/settings/county`: sets the county's profile (name, code, Gauss–Krüger zone), checked
 * against the loaded boundary if there is one. Returns the profile as now stored.
 */
export function setCountyProfile(
  context: SettingsContext,
  value: CountyProfile,
  userId: number,
  base?: number,
): Promise<Versioned<CountyProfile | null>> {
  const { settings } = context.repos;
  return settingWrite(
    context,
    COUNTY_KEY,
    userId,
    { base, label: SETTING_LABELS.county },
    async (trx) => (await countyProfile(settings, trx)).county,
    async (trx) => {
      const profile = checkedCountyProfile(value, (await settings.countyBoundary(trx))?.centre);
      await settings.setCountyProfile(profile, userId, trx);
    },
  );
}

/** `PUT /api/sweep/settings`: how often the sweep of existing mines runs by itself. */
export function setSweepSettings(context: SettingsContext, value: SweepSettings, userId: number, base?: number): Promise<Versioned<SweepSettings>> {
  const { sweep } = context.repos;
  return settingWrite(
    context,
    SWEEP_SETTINGS_KEY,
    userId,
    { base, label: SETTING_LABELS.sweep },
    (trx) => sweep.settings.get(trx),
    (trx) => sweep.settings.set(value, userId, trx),
  );
}

/** `PUT /api/settings/blocks`: replaces the county's settings of proposed blocks (the minimum area). */
export function setBlockSettings(context: SettingsContext, value: BlockSettings, userId: number, base?: number): Promise<Versioned<BlockSettings>> {
  const { settings } = context.repos;
  return settingWrite(
    context,
    BLOCKS_KEY,
    userId,
    { base, label: SETTING_LABELS.blocks },
    (trx) => settings.blockSettings(trx),
    (trx) => settings.setBlockSettings(value, userId, trx),
  );
}
