import type { Knex } from 'knex';
import type { CountyProfile, BufferSettings, BufferSettingsPatch, IndicatorTargetsPatch, InspectionSettings } from '@mpm/contracts';
import type { PlanIndicatorTargets } from '@mpm/rules';
import { auditedWrite } from '../audit/audited-write.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { INSPECTION_SETTINGS_KEY } from '../inspection/inspection-settings-repository.ts';
import { checkedCountyProfile, countyProfile } from './county-profile.ts';
import { BUFFERS_KEY, COUNTY_KEY, INDICATORS_KEY, effectiveBuffers, effectiveIndicators } from './settings-repository.ts';

/** What a settings write needs from the app. */
export interface SettingsContext {
  knex: Knex;
  repos: Pick<Repositories, 'settings' | 'inspection' | 'audit'>;
}

/** A county setting as a writer changes it: the audit keys it by its `county_settings` key. */
const settingWrite = (key: string, userId: number) =>
  ({ by: userId, action: 'update', entity: 'county_settings', entityId: key }) as const;

/** `PUT /api/settings/buffers`: sets some widths, keeping the others. Returns the effective widths. */
export function setBufferWidths(
  context: SettingsContext,
  defaults: BufferSettings,
  patch: BufferSettingsPatch,
  userId: number,
): Promise<BufferSettings> {
  const { settings } = context.repos;
  const effective = async (trx: Knex) => effectiveBuffers(defaults, await settings.bufferWidths(trx));
  return auditedWrite(context, {
    ...settingWrite(BUFFERS_KEY, userId),
    read: effective,
    write: async (trx) => {
      await settings.setBufferWidths(patch, userId, trx);
      return effective(trx);
    },
  });
}

/** `PUT /api/settings/indicators`: sets some indicator targets, keeping the others. Returns the effective targets. */
export function setIndicatorTargets(
  context: SettingsContext,
  defaults: PlanIndicatorTargets,
  patch: IndicatorTargetsPatch,
  userId: number,
): Promise<PlanIndicatorTargets> {
  const { settings } = context.repos;
  const effective = async (trx: Knex) => effectiveIndicators(defaults, await settings.indicatorTargets(trx));
  const withoutBasis = ({ legalBasis: _basis, ...targets }: PlanIndicatorTargets) => targets;
  return auditedWrite(context, {
    ...settingWrite(INDICATORS_KEY, userId),
    read: effective,
    write: async (trx) => {
      await settings.setIndicatorTargets(patch, userId, trx);
      return effective(trx);
    },
    before: withoutBasis,
    after: withoutBasis,
  });
}

/** `PUT /api/settings/inspection`: replaces the inspection settings. */
export function setInspectionSettings(context: SettingsContext, value: InspectionSettings, userId: number): Promise<InspectionSettings> {
  const { inspection } = context.repos;
  return auditedWrite(context, {
    ...settingWrite(INSPECTION_SETTINGS_KEY, userId),
    read: (trx) => inspection.settings.get(trx),
    write: async (trx) => {
      await inspection.settings.set(value, userId, trx);
      return inspection.settings.get(trx);
    },
  });
}

/**
 * `PUT /api/settings/county`: sets the county's profile (name, code, Gauss–Krüger zone), checked
 * against the loaded boundary if there is one. Returns the profile as now stored.
 */
export function setCountyProfile(context: SettingsContext, value: CountyProfile, userId: number): Promise<CountyProfile> {
  const { settings } = context.repos;
  return auditedWrite(context, {
    ...settingWrite(COUNTY_KEY, userId),
    read: async (trx) => (await countyProfile(settings, trx)).county,
    write: async (trx) => {
      const profile = checkedCountyProfile(value, (await settings.countyBoundary(trx))?.centre);
      await settings.setCountyProfile(profile, userId, trx);
      return profile;
    },
  });
}
