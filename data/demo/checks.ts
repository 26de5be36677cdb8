import { buffer, overlapM2, outsideM2 } from './geometry.ts';
import type { AreaGeometry, Feature } from './types.ts';

/** Overlaps or spill-overs below this are rounding noise along shared boundaries (m²). */
const NOISE_M2 = 0.5;

const label = (f: Feature): string => String(f.properties.name ?? f.properties.code ?? f.properties.licenceNo);

/** Throws unless `inner` lies inside `outer` (up to rounding noise). */
export function assertWithin(inner: Feature<AreaGeometry>, outer: Feature<AreaGeometry>): void {
  const outside = outsideM2(inner.geometry, outer.geometry);
  if (outside > NOISE_M2) throw new Error(`${label(inner)}: ${outside.toFixed(1)} m² outside ${label(outer)}`);
}

/** Throws when any feature of `a` overlaps any feature of `b` (or comes closer than `gapM`). */
export function assertApart(
  a: readonly Feature<AreaGeometry>[],
  b: readonly Feature<AreaGeometry>[],
  gapM = 0,
): void {
  for (const x of a) {
    const grown = gapM > 0 ? buffer(x.geometry, gapM) : x.geometry;
    for (const y of b) {
      if (x === y) continue;
      const overlap = overlapM2(grown, y.geometry);
      if (overlap > NOISE_M2) throw new Error(`${label(x)} and ${label(y)} overlap by ${overlap.toFixed(1)} m²`);
    }
  }
}

/** Throws unless `part` overlaps `whole` but also sticks out of it by at least `minOutsideM2`. */
export function assertCrosses(part: Feature<AreaGeometry>, whole: Feature<AreaGeometry>, minOutsideM2: number): void {
  const inside = overlapM2(part.geometry, whole.geometry);
  const outside = outsideM2(part.geometry, whole.geometry);
  if (inside < minOutsideM2 || outside < minOutsideM2) {
    const split = `${inside.toFixed(0)} m² in, ${outside.toFixed(0)} m² out`;
    throw new Error(`${label(part)} does not cross ${label(whole)} (${split})`);
  }
}
