import type { MultiPolygon, Polygon } from 'geojson';
import type { GkZone } from '../gauss-kruger.ts';
import type { Place } from '../messages.ts';
import type { Reason } from '../reasons.ts';
import type { Bilingual } from '@mpm/domain';
import type { GkPoint, Result } from '../types.ts';

/** The three 拐点坐标 text formats. */
export type CornerListFormat =
  /** (a) a table `点号, X, Y` as printed on a licence or in a notice. */
  | 'plainTable'
  /** (b) mining-right registration text (采矿权登记报盘): `XY001=1,X,Y` lines, `标高` per block. */
  | 'registration'
  /** (c) land-use exchange file: `[属性描述]`, `[地块坐标]`, rows `点号,圈号,X,Y`. */
  | 'exchange';

/** One corner point: its label (点号) as written and its GK metres as written. */
export interface CornerPoint extends GkPoint {
  /** The point number as text (`J1`, `1`). */
  readonly label: string;
  /** 1-based source line, when the point came from text. */
  readonly line?: number;
}

/** A ring of distinct corners, in source order, without the closing repeat of the first. */
export interface CornerRing {
  readonly points: readonly CornerPoint[];
}

/** A mining elevation interval (开采标高), kept as written. */
export interface ElevationInterval {
  /** Upper limit as written (`+420`, `420`). */
  readonly top: string;
  /** Lower limit as written. */
  readonly bottom: string;
  /** Upper limit in metres. */
  readonly topM: number;
  /** Lower limit in metres. */
  readonly bottomM: number;
  /** The trailing field of a registration `标高` line, verbatim (meaning undocumented). */
  readonly flag?: string;
}

/** One block (块段) or parcel (地块): an outer ring, then holes. */
export interface CornerPolygon {
  readonly rings: readonly CornerRing[];
  readonly elevation?: ElevationInterval;
  /** Exchange-file parcel header fields after 界址点数, verbatim (地块面积, 地块编号, 地块名称, …). */
  readonly attributes?: readonly string[];
}

/** A parsed corner-point list. */
export interface CornerList {
  readonly format: CornerListFormat;
  /** The Gauss–Krüger zone of every point. */
  readonly zone: GkZone;
  /** EPSG code of `zone` (4491–4554). */
  readonly epsg: number;
  readonly polygons: readonly CornerPolygon[];
  /** Header lines as written (title, `[属性描述]` keys, registration keys), for writing back. */
  readonly headerLines: readonly string[];
  /** The same area in EPSG:4490 lon/lat, closed rings, outer rings counter-clockwise. */
  readonly geometry: Polygon | MultiPolygon;
}

/** What is wrong with a corner list and where: 1-based line, point label, block and ring. */
export interface CornerListError extends Place {
  readonly reason: Reason;
  /** The point number (点号) concerned, as written. */
  readonly point?: string;
  /** The message with its place, e.g. `第 7 行：Y 坐标缺少带号` / `line 7: Y has no zone prefix`. */
  readonly message: Bilingual;
}

/** A zone stated by the user (from the licence or the county's known zone). */
export interface StatedZone {
  readonly zone: number;
  /** Defaults to 3. */
  readonly widthDeg?: 3 | 6;
}

/** Options for the parsers. */
export interface CornerListOptions {
  /** The zone, required for eastings without prefix; checked against any prefix or header. */
  readonly zone?: StatedZone;
  /** Skip detection and read this format. */
  readonly format?: CornerListFormat;
}

/** The outcome of parsing: the list, or every problem found. */
export type CornerListResult = Result<CornerList, CornerListError>;
