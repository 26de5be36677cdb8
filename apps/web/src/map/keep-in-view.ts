import type { Map as MaplibreMap, PaddingOptions } from 'maplibre-gl';

/** Room kept between what the map shows and its edges or the panel, in CSS pixels. */
const MARGIN_PX = 40;
/** Map height always left free, however tall the panel over it. */
const MIN_FREE_PX = 160;

/** The padding that leaves the part of the map above a panel covering `coveredPx` of its bottom (the phone's sheet). */
export function overlayPadding(map: MaplibreMap, coveredPx: number): Required<PaddingOptions> {
  const height = map.getContainer().clientHeight;
  return { top: MARGIN_PX, left: MARGIN_PX, right: MARGIN_PX, bottom: Math.max(MARGIN_PX, Math.min(coveredPx + MARGIN_PX, height - MIN_FREE_PX)) };
}

/**
 * Pans the map, if need be, so that `point` (lon/lat) lies in the part of the map a panel
 * covering `coveredPx` of its bottom leaves free; a move under way is let finish first. Nothing
 * covers the map beside a panel (the desktop): there the map stays as the user left it.
 */
export function keepInView(map: MaplibreMap, point: [number, number], coveredPx: number): void {
  if (coveredPx === 0) return;
  if (map.isMoving()) {
    map.once('moveend', () => keepInView(map, point, coveredPx));
    return;
  }
  const { clientWidth: width, clientHeight: height } = map.getContainer();
  const { x, y } = map.project(point);
  const padding = overlayPadding(map, coveredPx);
  if (x >= padding.left && x <= width - padding.right && y >= padding.top && y <= height - padding.bottom) return;
  map.easeTo({ center: point, padding, duration: 300 });
}

/**
 * Drops the padding a taller panel left on the map (MapLibre keeps the padding of the last
 * `easeTo`/`fitBounds`), once the panel covers less (the phone's sheet folded), so later moves
 * centre on the map as it now is. The picture does not jump: the new centre is what is drawn
 * in the middle. `coveredPx` is read anew after a move under way.
 */
export function releasePadding(map: MaplibreMap, coveredPx: () => number): void {
  if ((map.getPadding().bottom ?? 0) <= overlayPadding(map, coveredPx()).bottom) return;
  if (map.isMoving()) {
    map.once('moveend', () => releasePadding(map, coveredPx));
    return;
  }
  const { clientWidth: width, clientHeight: height } = map.getContainer();
  map.jumpTo({ center: map.unproject([width / 2, height / 2]), padding: { top: 0, bottom: 0, left: 0, right: 0 } });
}
