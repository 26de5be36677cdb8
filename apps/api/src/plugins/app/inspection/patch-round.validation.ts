import { UserError, badRequest, type Bilingual } from '../../../http/errors.ts';
import type { ChecksRepository } from '../checks/checks-repository.ts';
import { validatedBlock } from '../checks/run-check.ts';
import type { BBox } from '../layers/layers-repository.ts';
import type { NewPatch } from './patches-repository.ts';

/** Most patches one upload may carry: a county's round is tens to hundreds. */
export const MAX_PATCHES_PER_ROUND = 2_000;
/** Longest patch code and land-use note, in characters. */
const MAX_CODE_LENGTH = 100;
const MAX_LAND_CHANGE_LENGTH = 500;

/** Every reason a round is refused, once, in camelCase; each is the `code` of the 4xx answer. */
export const NOT_A_FEATURE_COLLECTION = 'notAFeatureCollection';
export const NO_PATCHES = 'noPatches';
export const TOO_MANY_PATCHES = 'tooManyPatches';
export const NOT_A_FEATURE = 'notAFeature';
export const BAD_PATCH_CODE = 'badPatchCode';
export const BAD_LAND_CHANGE = 'badLandChange';
export const DUPLICATE_PATCH_CODE = 'duplicatePatchCode';
export const PATCH_CODE_EXISTS = 'patchCodeExists';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** "feature 3 (features[2], code WP-003)": where in the file a problem is. */
function featureSpot(index: number, code?: string): Bilingual {
  const path = `features[${index}]`;
  return code === undefined
    ? { zh: `第 ${index + 1} 个要素（${path}）`, en: `feature ${index + 1} (${path})` }
    : { zh: `第 ${index + 1} 个要素（${path}，编号 ${code}）`, en: `feature ${index + 1} (${path}, code ${code})` };
}

const at = (spot: Bilingual, body: Bilingual): Bilingual => ({ zh: `${spot.zh}：${body.zh}`, en: `${spot.en}: ${body.en}` });

/** A feature's code and land-use note, checked; its geometry still unchecked. */
function featureFields(feature: unknown, index: number): { code: string; landChange: string | null; geometry: unknown } {
  if (!isObject(feature) || feature.type !== 'Feature') {
    throw badRequest(NOT_A_FEATURE, at(featureSpot(index), { zh: '应为 GeoJSON Feature。', en: 'expected a GeoJSON Feature.' }));
  }
  const properties = isObject(feature.properties) ? feature.properties : {};
  const code = typeof properties.code === 'string' ? properties.code.trim() : '';
  if (code === '' || code.length > MAX_CODE_LENGTH) {
    throw badRequest(
      BAD_PATCH_CODE,
      at(featureSpot(index), {
        zh: `properties.code 必须是 1–${MAX_CODE_LENGTH} 个字符的图斑编号。`,
        en: `properties.code must be the patch code, 1–${MAX_CODE_LENGTH} characters.`,
      }),
    );
  }
  const landChange = properties.landChange ?? null;
  if (landChange !== null && (typeof landChange !== 'string' || landChange.length > MAX_LAND_CHANGE_LENGTH)) {
    throw badRequest(
      BAD_LAND_CHANGE,
      at(featureSpot(index, code), {
        zh: `properties.landChange（变化情况）应为不超过 ${MAX_LAND_CHANGE_LENGTH} 个字符的文字。`,
        en: `properties.landChange must be text of at most ${MAX_LAND_CHANGE_LENGTH} characters.`,
      }),
    );
  }
  return { code, landChange, geometry: feature.geometry };
}

/** The first code that occurs twice, with the indexes of both features. */
function firstDuplicate(codes: readonly string[]): [string, number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < codes.length; i++) {
    const first = seen.get(codes[i]);
    if (first !== undefined) return [codes[i], first, i];
    seen.set(codes[i], i);
  }
  return undefined;
}

/**
 * Checks a round's FeatureCollection before anything is stored: 1..{@link MAX_PATCHES_PER_ROUND}
 * Features, each with a unique `properties.code` (unique in the file; the database is asked
 * after) and a polygon checked as a planner's block is (coordinates, county, crossings, GEOS).
 * The first problem is answered with the feature's number, JSON path and code; nothing is repaired.
 */
export async function validatedPatchRound(
  checks: Pick<ChecksRepository, 'invalidityReason'>,
  input: unknown,
  countyBbox: BBox | null,
): Promise<NewPatch[]> {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    throw badRequest(NOT_A_FEATURE_COLLECTION, {
      zh: 'features 必须是 GeoJSON FeatureCollection（含 features 数组）。',
      en: 'features must be a GeoJSON FeatureCollection with a features array.',
    });
  }
  const features = input.features as unknown[];
  if (features.length === 0) throw badRequest(NO_PATCHES, { zh: '文件中没有图斑。', en: 'The file holds no patches.' });
  if (features.length > MAX_PATCHES_PER_ROUND) {
    throw badRequest(TOO_MANY_PATCHES, {
      zh: `一次最多导入 ${MAX_PATCHES_PER_ROUND} 个图斑，文件中有 ${features.length} 个，请分批导入。`,
      en: `At most ${MAX_PATCHES_PER_ROUND} patches per upload; the file has ${features.length}. Split it.`,
    });
  }
  const fields = features.map(featureFields);
  const duplicate = firstDuplicate(fields.map((f) => f.code));
  if (duplicate) {
    const [code, first, second] = duplicate;
    throw badRequest(DUPLICATE_PATCH_CODE, {
      zh: `图斑编号 ${code} 重复：第 ${first + 1} 个和第 ${second + 1} 个要素（features[${first}]、features[${second}]）。`,
      en: `Patch code ${code} occurs twice: features ${first + 1} and ${second + 1} (features[${first}], features[${second}]).`,
    });
  }
  const patches: NewPatch[] = [];
  for (const [index, { code, landChange, geometry }] of fields.entries()) {
    try {
      const block = await validatedBlock(checks, geometry, countyBbox);
      patches.push({ code, landChange, geometry: block.geometry });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      throw new UserError(err.statusCode, err.code, at(featureSpot(index, code), err.messages));
    }
  }
  return patches;
}

/** The 409 for codes already stored (up to five quoted). */
export function codesExist(codes: readonly string[]): UserError {
  const quoted = codes.slice(0, 5).join(', ') + (codes.length > 5 ? ` …（+${codes.length - 5}）` : '');
  return new UserError(409, PATCH_CODE_EXISTS, {
    zh: `以下图斑编号已存在，本批未导入任何图斑：${quoted}。`,
    en: `These patch codes exist already; nothing of this round was loaded: ${quoted}.`,
  });
}
