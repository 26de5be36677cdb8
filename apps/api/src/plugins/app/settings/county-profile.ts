import type { Knex } from 'knex';
import type { CountyProfile } from '@mpm/contracts';
import { ZONE_RANGE, centralMeridian, isValidZone, zoneForLongitude } from '@mpm/geo';
import { badRequest } from '../../../http/errors.ts';
import type { SettingsRepository } from './settings-repository.ts';

/** Six digits: the county-level administrative division code (GB/T 2260). */
const COUNTY_CODE = /^\d{6}$/;

/**
 * How far, in degrees of longitude, a county's centre may lie from its zone's central meridian:
 * the zone's own half-width plus one more zone, for a county that surveys in a neighbour's zone.
 * Further than that, the zone was mistyped.
 */
const MAX_OFF_MERIDIAN_DEG = 4.5;

/** The profile that a loaded boundary implies: its name and code, and the 3° zone nearest its centre. */
function derivedProfile(boundary: Awaited<ReturnType<SettingsRepository['countyBoundary']>>): CountyProfile | null {
  if (!boundary) return null;
  const zone = zoneForLongitude(boundary.centre[0], 3);
  return zone.ok ? { name: boundary.name, adminCode: boundary.adminCode, gkZone: zone.value.zone } : null;
}

/**
 * The county's profile: as an admin set it (`stored`), else as the loaded county boundary implies
 * it (the demo, or a database from before profiles), else null (an empty product, not set up yet).
 */
export async function countyProfile(
  settings: Pick<SettingsRepository, 'countyProfile' | 'countyBoundary'>,
  trx?: Knex,
): Promise<{ county: CountyProfile | null; stored: boolean }> {
  const stored = await settings.countyProfile(trx);
  if (stored) return { county: stored, stored: true };
  return { county: derivedProfile(await settings.countyBoundary(trx)), stored: false };
}

/**
 * A profile as an admin sends it, checked: a name, a six-digit code, a 3° zone covering China,
 * and, when a boundary is loaded, a zone whose central meridian is near it. Returns it trimmed.
 */
export function checkedCountyProfile(profile: CountyProfile, centre: [number, number] | undefined): CountyProfile {
  const name = profile.name.trim();
  const adminCode = profile.adminCode.trim();
  if (name === '') {
    throw badRequest('missingCountyName', { zh: '请填写县（市、区）名称。', en: 'Give the county’s name.' });
  }
  if (!COUNTY_CODE.test(adminCode)) {
    throw badRequest('invalidAdminCode', {
      zh: `行政区划代码须为 6 位数字（县级，如 621025），收到“${adminCode}”。`,
      en: `The administrative code must be 6 digits (county level, e.g. 621025); got "${adminCode}".`,
    });
  }
  const [min, max] = ZONE_RANGE[3];
  if (!isValidZone(3, profile.gkZone)) {
    throw badRequest('invalidGkZone', {
      zh: `高斯–克吕格 3° 分带带号须为 ${min}–${max} 之间的整数（中央经线 = 3 × 带号），收到 ${profile.gkZone}。`,
      en: `The 3° Gauss–Krüger zone must be a whole number ${min}–${max} (central meridian = 3 × zone); got ${profile.gkZone}.`,
    });
  }
  const meridian = centralMeridian({ widthDeg: 3, zone: profile.gkZone });
  if (centre && Math.abs(centre[0] - meridian) > MAX_OFF_MERIDIAN_DEG) {
    const lon = centre[0].toFixed(2);
    throw badRequest('zoneFarFromCounty', {
      zh: `第 ${profile.gkZone} 带的中央经线为东经 ${meridian}°，而已导入县界的中心在东经 ${lon}°，相距过远；请核对带号。`,
      en: `Zone ${profile.gkZone}'s central meridian is ${meridian}° E, but the loaded county boundary is centred at ${lon}° E, too far away: check the zone.`,
    });
  }
  return { name, adminCode, gkZone: profile.gkZone };
}
