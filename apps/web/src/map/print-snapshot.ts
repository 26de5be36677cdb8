import { Map as MaplibreMap } from 'maplibre-gl';
import { CSS_PX_PER_MM, MAP_PRINT_DPI, type SizeMm } from '@mpm/contracts';
import { geodesicDistanceM } from '@mpm/geo';
import { LOCAL_IDEOGRAPH_FONT_FAMILY } from './labels.ts';
import { addStatusPattern } from './status-patterns.ts';

/** The map drawn for a printed page's frame. */
export interface PrintSnapshot {
  /** PNG of the frame at {@link MAP_PRINT_DPI}, base64 without a `data:` prefix. */
  image: string;
  /** Ground distance across the middle of the frame, west to east, in metres (GRS80 geodesic). */
  frameWidthM: number;
  /** [west, south, east, north] of the frame, EPSG:4490 degrees. */
  bounds: [number, number, number, number];
}

/** Longest a print may wait for its tiles, in milliseconds. */
const IDLE_TIMEOUT_MS = 90_000;

/**
 * Draws what `map` shows into a page's `frame` (millimetres) at {@link MAP_PRINT_DPI}: a second,
 * hidden MapLibre map of the frame's size in CSS pixels, on the same style (runtime layers such as
 * a drawn block or a measurement included), centred where `map` is and zoomed so that all of
 * its view fits the frame, north up. The screen keeps its own map; the hidden one is removed.
 */
export async function printSnapshot(map: MaplibreMap, frame: SizeMm): Promise<PrintSnapshot> {
  const width = Math.round(frame.widthMm * CSS_PX_PER_MM);
  const height = Math.round(frame.heightMm * CSS_PX_PER_MM);
  const screen = map.getContainer();
  const fit = Math.min(width / Math.max(screen.clientWidth, 1), height / Math.max(screen.clientHeight, 1));
  const container = document.createElement('div');
  Object.assign(container.style, { position: 'fixed', left: '-100000px', top: '0', width: `${width}px`, height: `${height}px` });
  document.body.append(container);
  const hidden = new MaplibreMap({
    container,
    style: map.getStyle(),
    center: map.getCenter(),
    zoom: map.getZoom() + Math.log2(fit),
    bearing: 0,
    pitch: 0,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    pixelRatio: MAP_PRINT_DPI / 96,
    maxZoom: 22,
    localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  // Images added at run time (plan mode's hatches, status patterns) are not in the style: lend them.
  hidden.on('styleimagemissing', ({ id }) => {
    if (addStatusPattern(hidden, id)) return;
    const image = map.getImage(id);
    if (image && !hidden.hasImage(id)) hidden.addImage(id, image.data, { pixelRatio: image.pixelRatio, sdf: image.sdf });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The map did not finish drawing for the print.')), IDLE_TIMEOUT_MS);
      hidden.once('idle', () => {
        clearTimeout(timer);
        resolve();
      });
      hidden.once('error', (event) => {
        // A missing tile is drawn as empty; only a style that cannot load stops the print.
        if (!hidden.isStyleLoaded()) {
          clearTimeout(timer);
          reject(event.error);
        }
      });
    });
    const middle = height / 2;
    const west = hidden.unproject([0, middle]);
    const east = hidden.unproject([width, middle]);
    const bounds = hidden.getBounds();
    const image = hidden.getCanvas().toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
    return {
      image,
      frameWidthM: geodesicDistanceM([west.lng, west.lat], [east.lng, east.lat]),
      bounds: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
    };
  } finally {
    hidden.remove();
    container.remove();
  }
}
