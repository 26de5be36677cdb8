/** A phone's browser context: 390 × 844 CSS px, touch, a 2× screen. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The share of the map's area a bottom sheet (or any panel box) leaves uncovered. */
export function freeFraction(map: Box, panel: Box): number {
  const overlapX = Math.max(0, Math.min(map.x + map.width, panel.x + panel.width) - Math.max(map.x, panel.x));
  const overlapY = Math.max(0, Math.min(map.y + map.height, panel.y + panel.height) - Math.max(map.y, panel.y));
  return 1 - (overlapX * overlapY) / (map.width * map.height);
}

/** Whether `inner` lies wholly inside `outer` (a pixel of rounding allowed). */
export const within = (outer: Box, inner: Box): boolean =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;
