import type { Random } from './random.ts';
import type { PointM } from './types.ts';

/** Options of {@link blob}. */
export interface BlobOptions {
  /** Number of vertices. */
  vertices: number;
  /** Ratio of the east–west to the north–south radius before rotation. */
  elongation?: number;
  /** Rotation counter-clockwise from east, in degrees. */
  rotationDeg?: number;
  /** Amplitude of the smooth radius variation, as a fraction of the radius. */
  waviness?: number;
  /** Amplitude of the per-vertex radius noise, as a fraction of the radius. */
  jitter?: number;
}

/**
 * An irregular star-shaped outline around `centre` (metres), counter-clockwise and open
 * (no repeated closing point). Angles strictly increase, so the outline never crosses itself.
 */
export function blob(random: Random, centre: PointM, radiusM: number, options: BlobOptions): PointM[] {
  const { vertices, elongation = 1, rotationDeg = 0, waviness = 0.15, jitter = 0.05 } = options;
  const harmonics = [2, 3, 5].map((k, i) => ({
    k,
    amplitude: (waviness / (i + 1)) * random.range(0.5, 1),
    phase: random.range(0, 2 * Math.PI),
  }));
  const rotation = (rotationDeg * Math.PI) / 180;
  const rx = radiusM * Math.sqrt(elongation);
  const ry = radiusM / Math.sqrt(elongation);
  const step = (2 * Math.PI) / vertices;
  const points: PointM[] = [];
  for (let i = 0; i < vertices; i++) {
    const theta = i * step + random.range(-0.3, 0.3) * step;
    const wave = harmonics.reduce((sum, h) => sum + h.amplitude * Math.sin(h.k * theta + h.phase), 0);
    const r = (1 + wave) * (1 + random.range(-jitter, jitter));
    const x = rx * r * Math.cos(theta);
    const y = ry * r * Math.sin(theta);
    points.push({
      x: centre.x + x * Math.cos(rotation) - y * Math.sin(rotation),
      y: centre.y + x * Math.sin(rotation) + y * Math.cos(rotation),
    });
  }
  return points;
}

/**
 * A licence-style outline from corner points: a `widthM` × `heightM` rectangle rotated by
 * `rotationDeg` about `centre`, with the corners listed in `cuts` (0 = south-west, then
 * counter-clockwise) cut off by `cutM` metres. Counter-clockwise, open.
 */
export function cornerOutline(
  centre: PointM,
  widthM: number,
  heightM: number,
  rotationDeg: number,
  cuts: readonly number[] = [],
  cutM = 0,
): PointM[] {
  const w = widthM / 2;
  const h = heightM / 2;
  const corners: PointM[] = [
    { x: -w, y: -h },
    { x: w, y: -h },
    { x: w, y: h },
    { x: -w, y: h },
  ];
  const local: PointM[] = [];
  corners.forEach((corner, i) => {
    if (!cuts.includes(i)) {
      local.push(corner);
      return;
    }
    const previous = corners[(i + 3) % 4];
    const next = corners[(i + 1) % 4];
    local.push(towards(corner, previous, cutM), towards(corner, next, cutM));
  });
  return local.map((p) => rotate(p, centre, rotationDeg));
}

/** A point `distanceM` from `from` in the direction of `to`. */
function towards(from: PointM, to: PointM, distanceM: number): PointM {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  return { x: from.x + ((to.x - from.x) * distanceM) / length, y: from.y + ((to.y - from.y) * distanceM) / length };
}

/** `p` (relative to `centre`) rotated counter-clockwise by `rotationDeg` and moved to `centre`. */
export function rotate(p: PointM, centre: PointM, rotationDeg: number): PointM {
  const r = (rotationDeg * Math.PI) / 180;
  return { x: centre.x + p.x * Math.cos(r) - p.y * Math.sin(r), y: centre.y + p.x * Math.sin(r) + p.y * Math.cos(r) };
}

/** Options of {@link meander}. */
export interface MeanderOptions {
  /** Spacing of the output vertices, metres. */
  stepM: number;
  /** Largest sideways swing, metres. */
  amplitudeM: number;
  /** Length of one swing, metres. */
  wavelengthM: number;
}

/**
 * A polyline through `waypoints` (metres) that swings sideways like a road or river; the
 * swing fades to zero at every waypoint, so the line passes through each of them.
 */
export function meander(random: Random, waypoints: readonly PointM[], options: MeanderOptions): PointM[] {
  const { stepM, amplitudeM, wavelengthM } = options;
  const line: PointM[] = [waypoints[0]];
  for (let i = 1; i < waypoints.length; i++) {
    const a = waypoints[i - 1];
    const b = waypoints[i];
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    const normal = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
    const phase = random.range(0, 2 * Math.PI);
    const steps = Math.max(1, Math.ceil(length / stepM));
    for (let s = 1; s <= steps; s++) {
      const t = s / steps;
      const swing = amplitudeM * Math.sin(Math.PI * t) * Math.sin((2 * Math.PI * t * length) / wavelengthM + phase);
      line.push({ x: a.x + (b.x - a.x) * t + normal.x * swing, y: a.y + (b.y - a.y) * t + normal.y * swing });
    }
  }
  return line;
}
