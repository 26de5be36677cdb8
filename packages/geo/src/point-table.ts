import type { MultiPolygon, Polygon, Position } from 'geojson';
import { integerDigits } from './gauss-kruger.ts';
import { assemble, type RawPolygon } from './corner-list/assemble.ts';
import type { RawPoint } from './corner-list/coordinate.ts';
import type { CornerList, CornerListError, CornerPolygon, StatedZone } from './corner-list/types.ts';
import type { Result } from './types.ts';

/** The roles of a point table's columns, by the names surveyors give them. */
export interface PointTableColumns {
  /** 点号: optional, kept as each corner's label. */
  readonly point?: string;
  /** Surveyor X (northing), as the header says; the digits decide in the end. */
  readonly x: string;
  /** Surveyor Y (easting, with or without the zone prefix). */
  readonly y: string;
  /** The column whose value says which feature a row belongs to. */
  readonly feature?: string;
  /** 圈号/环号: 1 starts a polygon (a new part after the first), 2 and up are its holes. */
  readonly ring?: string;
}

/** Column names that group rows into features, in order of preference. */
export const FEATURE_COLUMN_NAMES = ['地块编号', '图斑编号', '许可证号', '宗地编号', '宗地号', '区块编号', '地块号', '编号', '块号', '地块名称', '名称'] as const;

/** A header as compared: no blanks, no unit in brackets (`X(m)`, `Y（米）`), lower case. */
const normalised = (name: string) => name.replace(/[\s\u3000]/g, '').replace(/[(（][^)）]*[)）]/g, '').toLowerCase();

const X_NAMES = new Set(['x', 'x坐标', '纵坐标', '北坐标', 'x(北)', 'northing']);
const Y_NAMES = new Set(['y', 'y坐标', '横坐标', '东坐标', 'y(东)', 'easting']);
const POINT_NAMES = new Set(['点号', '点名', '界址点号', '拐点号', '拐点编号', '点']);
const RING_NAMES = new Set(['圈号', '环号', '圈', '环']);

/**
 * The roles of a table's columns when it is a point-per-row coordinate table (点号, X, Y): X and
 * Y are required; the feature column is the one named, else the first of
 * {@link FEATURE_COLUMN_NAMES} present. Undefined when the table has no X and Y columns.
 */
export function pointTableColumns(columns: readonly string[], featureColumn?: string): PointTableColumns | undefined {
  const find = (names: Set<string>) => columns.find((c) => names.has(normalised(c)));
  const x = find(X_NAMES);
  const y = find(Y_NAMES);
  if (!x || !y) return undefined;
  const feature = featureColumn ?? FEATURE_COLUMN_NAMES.find((name) => columns.some((c) => normalised(c) === name));
  return {
    x,
    y,
    point: find(POINT_NAMES),
    feature: feature === undefined ? undefined : (columns.find((c) => normalised(c) === normalised(feature)) ?? feature),
    ring: find(RING_NAMES),
  };
}

/** One feature of a point table: its polygons in Gauss–Krüger metres and its attributes. */
export interface PointTableFeature {
  /** The first non-empty value of each attribute column among the feature's rows. */
  readonly properties: Record<string, string>;
  readonly polygons: readonly CornerPolygon[];
  /** 1-based row of the feature's first point (the header is row 1). */
  readonly firstRow: number;
}

/** A point table read: its features, the zone, and whether X and Y were swapped in the file. */
export interface PointTable {
  readonly features: readonly PointTableFeature[];
  readonly zone: CornerList['zone'];
  readonly epsg: number;
  /** X held the eastings and Y the northings (GIS order): read the other way round. */
  readonly swapped: boolean;
  /** The columns whose values are the features' attributes (not X, Y, 点号 or 圈号). */
  readonly attributeColumns: readonly string[];
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

/** Whether most rows hold an easting in X and a northing in Y (a 6- or 8-digit X, a 7-digit Y). */
function swappedColumns(rows: readonly Record<string, unknown>[], columns: PointTableColumns): boolean {
  let swapped = 0;
  let surveyorOrder = 0;
  for (const row of rows) {
    const [x, y] = [Number(text(row[columns.x])), Number(text(row[columns.y]))];
    if (!Number.isFinite(x) || !Number.isFinite(y) || text(row[columns.x]) === '' || text(row[columns.y]) === '') continue;
    const [xd, yd] = [integerDigits(x), integerDigits(y)];
    if ((xd === 6 || xd === 8) && yd === 7) swapped++;
    else if (xd === 7 && (yd === 6 || yd === 8)) surveyorOrder++;
  }
  return swapped > surveyorOrder;
}

/**
 * Reads a point-per-row coordinate table (rows of 点号, X, Y as surveyors write them) into
 * polygons: rows grouped by the feature column (a blank cell continues the feature above, as
 * merged cells read), a 圈号 of 1 starting a polygon and 2+ its holes, the closing repeat of
 * the first point optional. X and Y swapped in the whole table are read the right way round and
 * said. The zone comes from the Y prefix or `zone`; every coordinate and ring is checked as a
 * corner list's (range, zone, repeats, crossings, holes), each problem placed on its row.
 */
export function readPointTable(
  rows: readonly Record<string, unknown>[],
  columns: PointTableColumns & { readonly feature: string },
  allColumns: readonly string[],
  zone?: StatedZone,
): Result<PointTable, CornerListError> {
  const swapped = swappedColumns(rows, columns);
  const [xColumn, yColumn] = swapped ? [columns.y, columns.x] : [columns.x, columns.y];
  const skip = new Set([columns.x, columns.y, columns.point, columns.ring]);
  const attributeColumns = allColumns.filter((c) => !skip.has(c));
  const groups = new Map<string, { polygons: RawPoint[][][]; properties: Record<string, string>; firstRow: number }>();
  let feature = '';
  let ring = '';
  rows.forEach((row, i) => {
    const line = i + 2;
    const [xText, yText] = [text(row[xColumn]), text(row[yColumn])];
    if (xText === '' && yText === '') return;
    feature = text(row[columns.feature]) || feature;
    let group = groups.get(feature);
    if (!group) {
      group = { polygons: [[[]]], properties: {}, firstRow: line };
      groups.set(feature, group);
      ring = '';
    }
    for (const column of attributeColumns) if (!group.properties[column] && text(row[column])) group.properties[column] = text(row[column]);
    const thisRing = columns.ring ? text(row[columns.ring]) || ring : '1';
    const polygon = group.polygons[group.polygons.length - 1];
    if (thisRing !== ring && polygon[polygon.length - 1].length > 0) {
      if (Number(thisRing) === 1) group.polygons.push([[]]);
      else polygon.push([]);
    }
    ring = thisRing;
    const current = group.polygons[group.polygons.length - 1];
    const label = columns.point ? text(row[columns.point]) : String(line);
    current[current.length - 1].push({ label: label || String(line), xText, yText, line });
  });
  // Each ring without its closing repeat of the first point, as the corner lists keep them.
  const open = (points: RawPoint[]) =>
    points.length > 3 && points[0].xText === points[points.length - 1].xText && points[0].yText === points[points.length - 1].yText
      ? points.slice(0, -1)
      : points;
  const features = [...groups.values()];
  const raw: RawPolygon[] = features.flatMap((f) => f.polygons.map((rings) => ({ rings: rings.map(open) })));
  const assembled = assemble({ format: 'plainTable', headerLines: [], header: {}, polygons: raw, errors: [], requireClosure: false }, { zone });
  if (!assembled.ok) return { ok: false, errors: assembled.errors.map((e) => byFeature(e, [...groups.entries()])) };
  let next = 0;
  return {
    ok: true,
    value: {
      features: features.map((f) => ({
        properties: f.properties,
        polygons: assembled.value.polygons.slice(next, (next += f.polygons.length)),
        firstRow: f.firstRow,
      })),
      zone: assembled.value.zone,
      epsg: assembled.value.epsg,
      swapped,
      attributeColumns,
    },
  };
}

/**
 * A ring's problem (crossing, hole outside, too few points) placed by the feature it belongs to
 * (its key and first row) rather than by the table's n-th polygon, which no one counts.
 */
function byFeature(error: CornerListError, groups: [string, { polygons: unknown[]; firstRow: number }][]): CornerListError {
  if (error.line !== undefined || error.polygon === undefined) return error;
  let first = 1;
  for (const [key, group] of groups) {
    if (error.polygon < first + group.polygons.length) {
      const part = error.polygon - first + 1;
      const strip = (text: string) => text.replace(/^(第 \d+ 块第 \d+ 圈：|block \d+, ring \d+: )/, '');
      const ring = error.ring ?? 1;
      return {
        ...error,
        message: {
          zh: `“${key}”（自第 ${group.firstRow} 行起）第 ${part} 块第 ${ring} 圈：${strip(error.message.zh)}`,
          en: `"${key}" (from row ${group.firstRow}), part ${part}, ring ${ring}: ${strip(error.message.en)}`,
        },
      };
    }
    first += group.polygons.length;
  }
  return error;
}

/**
 * Corner polygons as GeoJSON in their Gauss–Krüger zone (x = easting, y = northing, GIS order),
 * rings closed: a Polygon for one, a MultiPolygon for several. For a projection tool (GDAL) to
 * take to lon/lat.
 */
export function cornerPolygonsInZone(polygons: readonly CornerPolygon[]): Polygon | MultiPolygon {
  const coordinates = polygons.map((polygon) =>
    polygon.rings.map((ring) => {
      const positions: Position[] = ring.points.map((p) => [p.eastingM, p.northingM]);
      return [...positions, [...positions[0]]];
    }),
  );
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0] } : { type: 'MultiPolygon', coordinates };
}
