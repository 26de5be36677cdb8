import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImportNotice } from '@mpm/contracts';
import { detectZone, integerDigits } from '@mpm/geo';
import { badRequest } from '../../../http/errors.ts';
import { ogr2ogr } from '../transfer/gdal.ts';
import type { SourceDataset } from './import-files.ts';
import { sourceSrs, zoneSrs, type DatumChoices, type SourceSrs } from './source-datum.ts';

/** A DXF's entities in their own plane coordinates (x = easting once read the right way round). */
type Entity = { geometry: GeoJSON.Geometry | null; properties: Record<string, unknown> };

/** A DXF drawing made ready for GDAL to project: its entities as GeoJSON in their zone, and what was done. */
export interface DxfRead {
  file: string;
  layer: string;
  srs: SourceSrs;
  columns: string[];
  notices: ImportNotice[];
}

/** How near a polyline's ends must be for it to be closed: a millimetre. */
const CLOSED_TOLERANCE_M = 0.001;

const positionsOf = (geometry: GeoJSON.Geometry): GeoJSON.Position[] => {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    default:
      return geometry.geometries.flatMap(positionsOf);
  }
};

/**
 * Whether the drawing's X holds the northings: surveying software draws X (north) as the CAD
 * y-axis, but a drawing made from a table may have them swapped. Northings in China have 7
 * integer digits; eastings 6, or 8 with the zone prefix. Most vertices decide.
 */
function swapped(entities: Entity[]): boolean {
  let swap = 0;
  let right = 0;
  for (const [x, y] of entities.flatMap((e) => (e.geometry ? positionsOf(e.geometry) : []))) {
    const [xd, yd] = [integerDigits(x), integerDigits(y)];
    if (xd === 7 && (yd === 6 || yd === 8)) swap++;
    else if (yd === 7 && (xd === 6 || xd === 8)) right++;
  }
  return swap > right;
}

const swapAxes = (geometry: GeoJSON.Geometry): GeoJSON.Geometry =>
  JSON.parse(JSON.stringify(geometry), (key, value) =>
    Array.isArray(value) && value.length >= 2 && value.every((v) => typeof v === 'number') ? [value[1], value[0], ...value.slice(2)] : value,
  ) as GeoJSON.Geometry;

const isClosed = (line: GeoJSON.Position[]) =>
  line.length >= 4 && Math.hypot(line[0][0] - line.at(-1)![0], line[0][1] - line.at(-1)![1]) <= CLOSED_TOLERANCE_M;

/**
 * The entities a layer of `polygons` (or lines) takes: for polygons, hatches as they are and
 * closed polylines as polygons, open polylines kept (the preview names each as the wrong type);
 * for lines, the polylines. Points and texts (labels, point numbers) are left out either way.
 */
function shaped(entities: Entity[], polygons: boolean): { kept: Entity[]; skippedPoints: boolean } {
  const kept: Entity[] = [];
  let skippedPoints = false;
  for (const entity of entities) {
    const g = entity.geometry;
    if (!g || g.type === 'Point' || g.type === 'MultiPoint') {
      skippedPoints = true;
      continue;
    }
    if (polygons && g.type === 'LineString' && isClosed(g.coordinates)) {
      const ring = [...g.coordinates.slice(0, -1), g.coordinates[0]];
      kept.push({ ...entity, geometry: { type: 'Polygon', coordinates: [ring] } });
    } else kept.push(entity);
  }
  return { kept, skippedPoints };
}

/**
 * The source CRS of a drawing: the officer's `sourceCrs`, else the zone its eastings' prefix
 * names; a drawing with neither is refused (a DXF carries no CRS of its own).
 */
function drawingSrs(entities: Entity[], choices: DatumChoices, name: string): SourceSrs {
  if (choices.sourceCrs?.trim()) return sourceSrs(choices, undefined, name);
  const first = entities.find((e) => e.geometry)?.geometry;
  const zone = first ? detectZone(positionsOf(first)[0][0]) : undefined;
  return zone?.ok ? zoneSrs(zone.value, undefined, choices) : sourceSrs(choices, undefined, name);
}

/**
 * Reads a DXF from surveying software (南方CASS and the like) for a layer of polygons or lines:
 * its entities in plane coordinates, X and Y put the right way round when swapped (and said),
 * shaped for the layer, in the zone named or found from the eastings' prefix. A drawing with no
 * closed polyline or hatch for a polygon layer is refused with the reason.
 */
export async function readDxf(dataset: SourceDataset, choices: DatumChoices & { polygons?: boolean }, workDir: string): Promise<DxfRead> {
  const [output] = await ogr2ogr(dataset.files, ['-f', 'GeoJSON', '-dim', 'XY', '-lco', 'COORDINATE_PRECISION=4'], 'mpm-dxf-raw');
  const raw = (JSON.parse(Buffer.from(output.bytes).toString('utf8')) as GeoJSON.FeatureCollection).features.map((f) => ({
    geometry: f.geometry,
    properties: f.properties ?? {},
  }));
  const swap = swapped(raw);
  const entities = swap ? raw.map((e) => ({ ...e, geometry: e.geometry && swapAxes(e.geometry) })) : raw;
  const { kept, skippedPoints } = shaped(entities, choices.polygons ?? false);
  const areas = kept.filter((e) => e.geometry?.type === 'Polygon' || e.geometry?.type === 'MultiPolygon');
  if (choices.polygons && areas.length === 0) {
    const lines = kept.length;
    throw badRequest('dxfNoClosedShapes', {
      zh: `“${dataset.name}”中没有闭合的多段线或填充（图案填充），只有 ${lines} 条未闭合的线${skippedPoints ? '和一些点、注记' : ''}，不能作为面导入；请在 CAD 中将地块边界闭合（或用填充）后重新导出。未写入任何数据。`,
      en: `"${dataset.name}" holds no closed polyline or hatch, only ${lines} open line(s)${skippedPoints ? ' and some points or texts' : ''}: nothing to import as polygons. Close the parcel boundaries in CAD (or hatch them) and export it again. Nothing was written.`,
    });
  }
  const srs = drawingSrs(kept, choices, dataset.name);
  const file = path.join(workDir, 'mpm-dxf.geojson');
  const features = kept.map((e) => ({ type: 'Feature', geometry: e.geometry, properties: e.properties }));
  await fs.writeFile(file, JSON.stringify({ type: 'FeatureCollection', features }));
  const notices: ImportNotice[] = [...(swap ? (['xySwapped'] as const) : []), ...(skippedPoints ? (['dxfPointsSkipped'] as const) : [])];
  const columns = [...new Set(kept.flatMap((e) => Object.keys(e.properties)))];
  return { file, layer: 'mpm-dxf', srs, columns, notices };
}
