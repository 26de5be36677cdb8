import crypto from 'node:crypto';
import {
  getLayer,
  matchFields,
  sourceValue,
  term,
  M2_PER_MU,
  type CollectionId,
  type FieldDef,
  type Language,
  type TermKey,
} from '@mpm/domain';
import type { ImportMode, ImportPreview, SourceLayer } from '@mpm/contracts';
import { badRequest, type Bilingual } from '../../../http/errors.ts';
import type { FeatureInput } from '../layers/layers-repository.ts';
import type { Repositories } from '../repositories.plugin.ts';
import { countyProfile } from '../settings/county-profile.ts';
import type { SourceRead } from './read-source.ts';

/** The fields that identify a feature of a layer across imports, in order of preference. */
const KEY_FIELDS: readonly TermKey[] = ['licenceNo', 'code', 'adminCode'];

/** The layer's key field (licence number for rights, code for blocks and patches), if it has one. */
export const layerKey = (layer: CollectionId): FieldDef | undefined =>
  KEY_FIELDS.map((key) => getLayer(layer).fields.find((f) => f.key === key)).find((f) => f !== undefined);

/** How many features of a preview's sample are shown. */
const SAMPLE_SIZE = 20;

/** A problem of one feature (or of the file, `feature` null), in both languages. */
export interface StoredProblem {
  feature: number | null;
  reason: string;
  message: Bilingual;
}

/** What a preview keeps until it is committed: the answer, with its problems in both languages. */
export type StoredPreview = Omit<ImportPreview, 'problems'> & { problems: StoredProblem[] };

const GEOMETRY_TYPES: Record<'polygon' | 'line', readonly string[]> = {
  polygon: ['Polygon', 'MultiPolygon'],
  line: ['LineString', 'MultiLineString'],
};

/**
 * Values a layer's features take when the file leaves them out: the county boundary is named and
 * coded as the county's profile says (a boundary file often holds the polygon alone).
 */
async function layerDefaults(repos: Pick<Repositories, 'settings'>, layer: CollectionId): Promise<Record<string, unknown>> {
  if (layer !== 'county') return {};
  const { county } = await countyProfile(repos.settings);
  return county ? { name: county.name, adminCode: county.adminCode } : {};
}

/** The file-level problem of a source of several layers read without a choice: its first is previewed, none written. */
const chooseSourceLayer = (layers: SourceLayer[], shown: string): StoredProblem => ({
  feature: null,
  reason: 'chooseSourceLayer',
  message: {
    zh: `文件中有 ${layers.length} 个图层（${layers.map((l) => l.name).join('、')}），预览的是第一个“${shown}”；请选择要导入的图层后再写入。`,
    en: `The file holds ${layers.length} layers (${layers.map((l) => l.name).join(', ')}); the preview shows the first, "${shown}". Choose the layer to import before writing.`,
  },
});

/** A township's name as compared: full-width brackets and spaces as their ASCII forms, trimmed. */
const townshipName = (name: string) => name.normalize('NFKC').trim();

/**
 * Gives each restoration parcel (of those at `indices`, whose geometry is valid) its township:
 * the one its file names, else the one whose polygon holds most of it. A name the county has no
 * township of, or a parcel in no township, is a problem of that parcel.
 */
async function assignTownships(repos: Pick<Repositories, 'imports'>, features: FeatureInput[], indices: number[]): Promise<StoredProblem[]> {
  const byName = new Map([...(await repos.imports.townshipCodes())].map(([name, code]) => [townshipName(name), { name, code }]));
  const named = (i: number) => typeof features[i].properties.township === 'string' && features[i].properties.township !== '';
  const unnamed = indices.filter((i) => !named(i));
  const found = await repos.imports.townshipsOf(unnamed.map((i) => features[i].geometry));
  const derived = new Map(unnamed.map((i, n) => [i, found[n]]));
  const problems: StoredProblem[] = [];
  for (const i of indices) {
    const given = named(i) ? String(features[i].properties.township) : undefined;
    const township = given === undefined ? derived.get(i) : byName.get(townshipName(given));
    if (township) {
      features[i].properties.township = township.name;
      features[i].properties.townshipCode = township.code;
    } else if (given !== undefined) {
      problems.push({
        feature: i,
        reason: 'unknownTownship',
        message: {
          zh: `${nth(i).zh}的所在乡镇“${given}”不是本县的乡镇；本县乡镇：${[...byName.values()].map((t) => t.name).join('、')}。`,
          en: `${nth(i).en} names the township "${given}", which the county does not have; its townships are ${[...byName.values()].map((t) => t.name).join(', ')}.`,
        },
      });
    } else {
      problems.push({
        feature: i,
        reason: 'noTownship',
        message: {
          zh: `${nth(i).zh}不在本县任何乡镇范围内，无法确定所在乡镇；请检查其位置，或先导入乡镇界。`,
          en: `${nth(i).en} lies in no township of the county, so its township cannot be known; check where it is, or import the townships first.`,
        },
      });
    }
  }
  return problems;
}

/** The n-th feature as people count them. */
const nth = (i: number) => ({ zh: `第 ${i + 1} 个要素`, en: `Feature ${i + 1}` });

/**
 * The mapping a preview starts from: the automatic match by column names, or, when a mapping was
 * saved for this layer and these columns (or fewer), the saved one for its columns (targets the
 * layer no longer has left out) and the automatic match for the rest, for fields it leaves free.
 */
function startingMapping(read: SourceRead, fields: FieldDef[], saved: Record<string, string | null> | undefined) {
  const automatic = matchFields(read.columns, fields);
  if (!saved) return automatic;
  const kept = Object.entries(saved).filter(([column, key]) => read.columns.includes(column) && (key === null || fields.some((f) => f.key === key)));
  const savedFor = new Map(kept);
  const taken = new Set(kept.map(([, key]) => key));
  return Object.fromEntries(
    read.columns.map((column) => {
      const auto = automatic[column];
      return [column, savedFor.has(column) ? savedFor.get(column)! : auto !== null && !taken.has(auto) ? auto : null];
    }),
  );
}

/** Checks the officer's mapping: source columns of the file onto fields of the layer, or null to leave one out. */
function checkedMapping(read: SourceRead, layer: CollectionId, wanted: Record<string, string | null>, saved?: Record<string, string | null>) {
  const fields = getLayer(layer).fields.filter((f) => !f.computed);
  const mapping = { ...startingMapping(read, fields, saved), ...wanted };
  for (const [column, key] of Object.entries(wanted)) {
    if (!read.columns.includes(column)) {
      throw badRequest('unknownSourceColumn', {
        zh: `字段对应关系中的“${column}”不是源数据的字段；源数据字段为：${read.columns.join('、')}。`,
        en: `The mapping names "${column}", which is not a column of the source; its columns are ${read.columns.join(', ')}.`,
      });
    }
    if (key !== null && !fields.some((f) => f.key === key)) {
      throw badRequest('unknownTargetField', {
        zh: `字段对应关系中的“${key}”不是图层“${term(layer, 'zh')}”可导入的字段。`,
        en: `The mapping names "${key}", which is not a field of layer "${term(layer, 'en')}" that can be imported.`,
      });
    }
  }
  return { mapping, fields };
}

/**
 * A problem for each parcel whose code is a retired parcel's (split, merged or withdrawn): codes
 * identify parcels for ever, and a retired parcel is history, never brought back by a file.
 */
async function retiredCodes(repos: Pick<Repositories, 'parcels'>, features: FeatureInput[]): Promise<StoredProblem[]> {
  const codes = features.map((f) => f.properties.code).filter((code): code is string => typeof code === 'string');
  const retired = await repos.parcels.retiredCodes(codes);
  return features.flatMap((f, i) =>
    retired.has(String(f.properties.code))
      ? [
          {
            feature: i,
            reason: 'parcelRetired',
            message: {
              zh: `${nth(i).zh}的编号“${f.properties.code}”属于已注销（拆分、合并或撤销）的图斑；编号不再复用，请换一个编号。`,
              en: `${nth(i).en} has the code "${f.properties.code}" of a retired (split, merged or withdrawn) parcel; codes are never reused: choose another.`,
            },
          },
        ]
      : [],
  );
}

/**
 * Builds the preview of an import: maps the source's columns and values to the layer's fields,
 * checks every feature (geometry type, validity by GEOS, inside the county, values, the key)
 * and predicts what committing would add, change and remove. Nothing is written to the layer;
 * the preview is kept for the commit.
 */
export async function previewImport(
  repos: Pick<Repositories, 'imports' | 'settings' | 'parcels'>,
  input: {
    layer: CollectionId;
    read: SourceRead;
    mode: ImportMode;
    mapping: Record<string, string | null>;
    file: { name: string; sizeBytes: number; sha256: string };
    userId: number;
    /** The source's layers, and whether the officer chose the one read (else the first of several was). */
    sourceLayers?: { layers: SourceLayer[]; chosen: boolean };
  },
): Promise<{ preview: StoredPreview; features: FeatureInput[] }> {
  const { layer, read, mode } = input;
  if (read.features.length === 0) {
    throw badRequest('emptySource', {
      zh: `“${input.file.name}”中没有要素，未写入任何数据。`,
      en: `"${input.file.name}" holds no features; nothing was written.`,
    });
  }
  const key = layerKey(layer);
  if (mode === 'upsert' && !key) {
    throw badRequest('noKeyToUpsert', {
      zh: `图层“${term(layer, 'zh')}”没有编号类字段，不能按编号更新，只能整体替换（mode=replace）。`,
      en: `Layer "${term(layer, 'en')}" has no key field to update by; it can only be replaced whole (mode=replace).`,
    });
  }
  // A mapping the officer sends is used as it is; without one, the mapping saved at the last commit is offered again.
  const saved = Object.keys(input.mapping).length === 0 ? await repos.imports.savedMapping(layer, read.columns) : undefined;
  const { mapping, fields } = checkedMapping(read, layer, input.mapping, saved);
  const defaults = await layerDefaults(repos, layer);
  const problems: StoredProblem[] = [];
  const layers = input.sourceLayers?.layers ?? [];
  if (layers.length > 1 && !input.sourceLayers?.chosen) problems.push(chooseSourceLayer(layers, read.sourceLayer));
  const allowed = GEOMETRY_TYPES[getLayer(layer).geometry];
  const features: FeatureInput[] = read.features.map((source, i) => {
    const properties: Record<string, unknown> = {};
    for (const [column, fieldKey] of Object.entries(mapping)) {
      const field = fields.find((f) => f.key === fieldKey);
      if (!field) continue;
      const value = sourceValue(field, source.properties[column]);
      if (value.ok) properties[field.key] = value.value;
      else {
        const raw = String(source.properties[column]);
        problems.push({
          feature: i,
          reason: 'notAValue',
          message: {
            zh: `${nth(i).zh}的“${column}”值“${raw}”不是“${term(field.key, 'zh')}”的有效取值。`,
            en: `${nth(i).en}: "${raw}" in "${column}" is not a valid ${term(field.key, 'en')}.`,
          },
        });
      }
    }
    for (const [key, value] of Object.entries(defaults)) properties[key] ??= value;
    if (!source.geometry || !allowed.includes(source.geometry.type)) {
      const found = source.geometry?.type ?? '无几何';
      problems.push({
        feature: i,
        reason: 'wrongGeometryType',
        message: {
          zh: `${nth(i).zh}的几何类型为 ${found}，图层“${term(layer, 'zh')}”需要 ${allowed.join(' 或 ')}。`,
          en: `${nth(i).en} is a ${source.geometry?.type ?? 'feature without geometry'}; layer "${term(layer, 'en')}" takes ${allowed.join(' or ')}.`,
        },
      });
    }
    return { geometry: source.geometry!, properties };
  });

  const checkable = features.map((f, i) => ({ f, i })).filter(({ f }) => f.geometry && allowed.includes(f.geometry.type));
  const checks = await repos.imports.checkGeometries(checkable.map(({ f }) => f.geometry));
  const areas = new Map<number, number>();
  for (const check of checks) {
    const i = checkable[check.index].i;
    areas.set(i, check.areaM2);
    if (check.invalidReason) {
      problems.push({
        feature: i,
        reason: 'invalidGeometry',
        message: {
          zh: `${nth(i).zh}的几何图形无效（GEOS：${check.invalidReason}），不会自动修复；请在源数据中改正后重新导入。`,
          en: `${nth(i).en} has an invalid geometry (GEOS: ${check.invalidReason}); it is never repaired silently: correct it in the source and import again.`,
        },
      });
    } else if (check.outsideCounty && layer !== 'county') {
      problems.push({
        feature: i,
        reason: 'outsideCounty',
        message: {
          zh: `${nth(i).zh}完全位于本县范围之外；请检查坐标系或数据范围。`,
          en: `${nth(i).en} lies wholly outside the county; check the coordinate system or the data's extent.`,
        },
      });
    }
  }

  if (layer === 'restoration_parcels') {
    const valid = checks.filter((c) => !c.invalidReason).map((c) => checkable[c.index].i);
    problems.push(...(await assignTownships(repos, features, valid)));
    problems.push(...(await retiredCodes(repos, features)));
  }

  let counts = { added: features.length, changed: 0, removed: mode === 'replace' ? await repos.imports.count(layer) : 0 };
  const existing = key ? await repos.imports.keyedIds(layer, key.key) : new Map<string, number>();
  const required = await repos.imports.requiredFields(layer);
  features.forEach((f, i) => {
    const { validFrom, validTo } = f.properties;
    if (typeof validFrom === 'string' && typeof validTo === 'string' && validTo < validFrom) {
      problems.push({
        feature: i,
        reason: 'endBeforeStart',
        message: {
          zh: `${nth(i).zh}的有效期止（${validTo}）早于有效期起（${validFrom}）。`,
          en: `${nth(i).en} is valid to ${validTo}, before it is valid from (${validFrom}).`,
        },
      });
    }
    const isNew = !key || !existing.has(String(f.properties[key.key]));
    for (const field of required) {
      const value = f.properties[field];
      if (field === key?.key || (value !== null && value !== undefined)) continue;
      // An empty cell leaves a feature already stored as it is; a new one needs the value.
      if (!isNew) {
        delete f.properties[field];
        continue;
      }
      problems.push({
        feature: i,
        reason: 'missingField',
        message: {
          zh: `${nth(i).zh}缺少必填字段“${term(field, 'zh')}”；请在源数据中补上，或在字段对应中指定哪一列是它。`,
          en: `${nth(i).en} has no ${term(field, 'en')}, which is required; add it to the source, or map the column that holds it.`,
        },
      });
    }
  });
  if (key) {
    const seen = new Map<string, number>();
    features.forEach((f, i) => {
      const value = f.properties[key.key];
      if (value === null || value === undefined || value === '') {
        problems.push({
          feature: i,
          reason: 'missingKey',
          message: { zh: `${nth(i).zh}缺少${term(key.key, 'zh')}。`, en: `${nth(i).en} has no ${term(key.key, 'en')}.` },
        });
      } else if (seen.has(String(value))) {
        problems.push({
          feature: i,
          reason: 'duplicateKey',
          message: {
            zh: `${nth(i).zh}的${term(key.key, 'zh')}“${value}”与${nth(seen.get(String(value))!).zh}重复。`,
            en: `${nth(i).en} repeats the ${term(key.key, 'en')} "${value}" of ${nth(seen.get(String(value))!).en.toLowerCase()}.`,
          },
        });
      } else seen.set(String(value), i);
    });
    const changed = [...seen.keys()].filter((k) => existing.has(k)).length;
    counts = {
      added: seen.size - changed,
      changed,
      removed: mode === 'replace' ? [...existing.keys()].filter((k) => !seen.has(k)).length : 0,
    };
  }

  const preview: StoredPreview = {
    id: crypto.randomUUID(),
    layer,
    fileName: input.file.name,
    fileSizeBytes: input.file.sizeBytes,
    format: read.format,
    sourceLayer: read.sourceLayer,
    sourceLayers: layers,
    encoding: read.encoding,
    encodingGuessed: read.encodingGuessed,
    crs: `EPSG:${read.epsg}`,
    wgs84AsCgcs2000: read.wgs84AsCgcs2000,
    droppedZ: read.droppedZ,
    notices: read.notices,
    geometryType: read.geometryType,
    featureCount: features.length,
    mapping,
    mappingSaved: saved !== undefined,
    mode,
    key: key?.key ?? null,
    sample: features.slice(0, SAMPLE_SIZE).map((f, i) => ({
      ...f.properties,
      areaMu: areas.has(i) ? Math.round((areas.get(i)! / M2_PER_MU) * 100) / 100 : null,
    })),
    bbox: checks.length === 0 ? null : checks.map((c) => c.box).reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]),
    counts,
    problems,
    committable: problems.length === 0,
  };
  return { preview, features };
}

/** The preview in the reader's language. */
export const previewIn = (preview: StoredPreview, lang: Language): ImportPreview => ({
  ...preview,
  problems: preview.problems.map((p) => ({ ...p, message: p.message[lang] })),
});
