import type { PatchRoundBody } from '@mpm/contracts';
import type { BlockGeometry } from '@mpm/rules';
import { cleanGeometry, readDocument, type FileProblem } from '../plan/block-files.ts';

/** One patch read from a file: a lon/lat polygon and its properties, with the code that names it. */
export interface PatchFeature {
  type: 'Feature';
  geometry: BlockGeometry;
  properties: Record<string, unknown> & { code: string };
}

/** Why a file gave no patches; `index` is the feature's 1-based place in the file. */
export type PatchFileProblem =
  | FileProblem
  | { reason: 'noPolygon' }
  | { reason: 'notLonLat' | 'noCode'; index: number }
  | { reason: 'duplicateCode'; code: string };

export type PatchFileResult = { ok: true; features: PatchFeature[] } | { ok: false; problem: PatchFileProblem };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type LooseFeature = { geometry?: unknown; properties?: unknown };

function featuresOf(document: unknown): LooseFeature[] {
  const object = document as { type?: unknown; features?: unknown } | null;
  if (object?.type === 'FeatureCollection' && Array.isArray(object.features)) return object.features as LooseFeature[];
  if (object?.type === 'Feature') return [object as LooseFeature];
  if (object?.type === 'Polygon' || object?.type === 'MultiPolygon') return [{ geometry: object, properties: {} }];
  return [];
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

/**
 * Reads a round of change patches from GeoJSON (.geojson, .json) or KML: every polygon feature,
 * named by its `code` property (a KML placemark's name will do). Other geometries are skipped.
 */
export async function readPatchFile(file: File): Promise<PatchFileResult> {
  const read = await readDocument(file);
  if (!read.ok) return read;
  const features: PatchFeature[] = [];
  const codes = new Set<string>();
  const all = featuresOf(read.document);
  for (const [i, feature] of all.entries()) {
    const geometry = feature?.geometry as BlockGeometry | null | undefined;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') continue;
    const cleaned = cleanGeometry(geometry);
    if (!cleaned) return { ok: false, problem: { reason: 'notLonLat', index: i + 1 } };
    const properties = (feature.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
    const code = text(properties.code) || text(properties.name);
    if (!code) return { ok: false, problem: { reason: 'noCode', index: i + 1 } };
    if (codes.has(code)) return { ok: false, problem: { reason: 'duplicateCode', code } };
    codes.add(code);
    features.push({ type: 'Feature', geometry: cleaned, properties: { ...properties, code } });
  }
  return features.length > 0 ? { ok: true, features } : { ok: false, problem: { reason: 'noPolygon' } };
}

/** The round and date the file's own properties state (of its first patch), to prefill the form. */
export function statedRound(features: readonly PatchFeature[]): { detectionRound: string; detectedOn: string } {
  const first = features[0]?.properties ?? {};
  const date = text(first.detectedOn);
  return { detectionRound: text(first.detectionRound), detectedOn: ISO_DATE.test(date) ? date : '' };
}

/**
 * The requests for `POST /api/patches`: one per round the patches name in `detectionRound`
 * (patches naming none go in `round`), each dated by its latest patch date, else `date`.
 */
export function roundsToSend(features: readonly PatchFeature[], round: string, date: string): PatchRoundBody[] {
  const groups = new Map<string, PatchFeature[]>();
  for (const feature of features) {
    const name = text(feature.properties.detectionRound) || round;
    groups.set(name, [...(groups.get(name) ?? []), feature]);
  }
  return [...groups].map(([detectionRound, members]) => {
    const dates = members.map((f) => text(f.properties.detectedOn)).filter((d) => ISO_DATE.test(d)).sort();
    return {
      detectionRound,
      detectedOn: dates.at(-1) ?? date,
      features: { type: 'FeatureCollection', features: members },
    };
  });
}
