import type { Bilingual } from '@mpm/domain';

/** The check asked for a collection the engine was not given: its flags are missing, not clear. */
export const LAYER_NOT_LOADED = 'layerNotLoaded';
/** A feature of the layer has no readable geometry, so it could not be checked at all. */
export const FEATURE_UNREADABLE = 'featureUnreadable';
/** Turf threw while relating or intersecting the block with one feature (near-degenerate input). */
export const TURF_FAILED = 'turfFailed';
/** Turf threw while finding the rights that overlap a mining planning block: its holders may be incomplete. */
export const RIGHT_HOLDERS_INCOMPLETE = 'rightHoldersIncomplete';
/** Turf threw while finding the rights inside a concentrated zone: its count and total may be short. */
export const ZONE_RIGHTS_INCOMPLETE = 'zoneRightsIncomplete';

/** Why part of a check could not be measured in the browser. */
export type MeasurementErrorReason =
  | typeof LAYER_NOT_LOADED
  | typeof FEATURE_UNREADABLE
  | typeof TURF_FAILED
  | typeof RIGHT_HOLDERS_INCOMPLETE
  | typeof ZONE_RIGHTS_INCOMPLETE;

/** What each reason means for the planner, in both UI languages. */
export const MEASUREMENT_ERROR_MESSAGES: Readonly<Record<MeasurementErrorReason, Bilingual>> = {
  [LAYER_NOT_LOADED]: {
    zh: '该图层尚未加载，浏览器端未检查；以服务器审查结果为准。',
    en: 'This layer is not loaded, so the browser did not check it; the server check decides.',
  },
  [FEATURE_UNREADABLE]: {
    zh: '该要素的几何无法读取，浏览器端未检查；以服务器审查结果为准。',
    en: 'This feature’s geometry cannot be read, so the browser did not check it; the server check decides.',
  },
  [TURF_FAILED]: {
    zh: '浏览器端无法计算与该要素的关系（几何近似退化）；以服务器审查结果为准。',
    en: 'The browser could not measure this feature against the block (near-degenerate geometry); the server check decides.',
  },
  [RIGHT_HOLDERS_INCOMPLETE]: {
    zh: '浏览器端无法确定该开采规划区块内的全部矿业权人；以服务器审查结果为准。',
    en: 'The browser could not list every right holder of this mining planning block; the server check decides.',
  },
  [ZONE_RIGHTS_INCOMPLETE]: {
    zh: '浏览器端无法确定该集中开采区内的全部采矿权（矿权数与开采总量）；以服务器审查结果为准。',
    en: 'The browser could not list every mining right in this concentrated zone (its rights and total); the server check decides.',
  },
};
