import { badRequest } from '../../../http/errors.ts';
import type { BBox } from '../layers/layers-repository.ts';

/** A Web Mercator (XYZ, y down) tile address. */
export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** Tile coordinate space of an encoded tile. */
export const TILE_EXTENT = 4096;
/** Extra tile units kept around each tile so strokes and labels cross tile edges cleanly. */
export const TILE_BUFFER = 64;
/** CSS pixels MapLibre draws one vector tile across. */
const TILE_SIZE_PX = 512;
/** Lowest zoom advertised to clients. */
export const MIN_ZOOM = 0;
/** Highest zoom advertised to clients; MapLibre overzooms the z16 tiles beyond it. */
export const MAX_ZOOM = 16;
/** Deepest zoom a tile is served at; TileJSON advertises less and clients overzoom. */
export const MAX_REQUEST_ZOOM = 22;
/** Latitude where the Web Mercator square ends. */
const MAX_MERCATOR_LAT = 85.0511287798066;

const DIGITS = /^\d{1,8}$/;

const invalid = (name: string, raw: string, zh: string, en: string) =>
  badRequest('invalidTile', {
    zh: `瓦片坐标 ${name} 无效：${zh}，收到“${raw.slice(0, 20)}”。`,
    en: `Tile coordinate ${name} is invalid: ${en}; got "${raw.slice(0, 20)}".`,
  });

/** Parses `z`, `x`, `y` from the URL: integers with z in 0..22 and x, y in 0..2^z-1; else a 400. */
export function parseTileCoord(raw: { z: string; x: string; y: string }): TileCoord {
  const z = DIGITS.test(raw.z) ? Number(raw.z) : NaN;
  if (!(z >= 0 && z <= MAX_REQUEST_ZOOM)) {
    throw invalid('z', raw.z, `须为 0 到 ${MAX_REQUEST_ZOOM} 之间的整数`, `must be an integer from 0 to ${MAX_REQUEST_ZOOM}`);
  }
  const last = 2 ** z - 1;
  const coord = { z, x: 0, y: 0 };
  for (const name of ['x', 'y'] as const) {
    const value = DIGITS.test(raw[name]) ? Number(raw[name]) : NaN;
    if (!(value >= 0 && value <= last)) {
      throw invalid(name, raw[name], `第 ${z} 级须为 0 到 ${last} 之间的整数`, `must be an integer from 0 to ${last} at zoom ${z}`);
    }
    coord[name] = value;
  }
  return coord;
}

const lon = (x: number, n: number) => (x / n) * 360 - 180;
const lat = (y: number, n: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Lon/lat box of a tile grown by `buffer` tile units on each side, clamped to the Web Mercator
 * square: what the tile must load to draw its edges.
 */
export function tileBounds({ z, x, y }: TileCoord, buffer = TILE_BUFFER): BBox {
  const n = 2 ** z;
  const pad = buffer / TILE_EXTENT;
  return [
    clamp(lon(x - pad, n), -180, 180),
    clamp(lat(y + 1 + pad, n), -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT),
    clamp(lon(x + 1 + pad, n), -180, 180),
    clamp(lat(y - pad, n), -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT),
  ];
}

/** The tile at zoom `z` holding the point `lon`, `lat` (clamped to the Web Mercator square). */
export function tileAt(lonDeg: number, latDeg: number, z: number): TileCoord {
  const n = 2 ** z;
  const phi = (clamp(latDeg, -MAX_MERCATOR_LAT, MAX_MERCATOR_LAT) * Math.PI) / 180;
  const x = Math.floor(((lonDeg + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
  return { z, x: clamp(x, 0, n - 1), y: clamp(y, 0, n - 1) };
}

/** About one screen pixel at zoom `z`, in degrees of longitude: detail finer than this is not drawn. */
export const pixelDegrees = (z: number): number => 360 / (2 ** z * TILE_SIZE_PX);
