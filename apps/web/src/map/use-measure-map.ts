import { useEffect, useRef } from 'react';
import { Marker, type Map as MaplibreMap, type MapMouseEvent } from 'maplibre-gl';
import { domainLanguage } from '../i18n/languages.ts';
import { areaFigures, distanceText, measure, type LonLat, type MeasureKind } from '../measure/measure-figures.ts';
import { MIN_POINTS, useMeasureSession } from '../state/measure-session.ts';
import { useSession } from '../state/session-store.ts';
import { ensureMeasureOverlay, removeMeasureOverlay, showMeasurement } from './measure-overlay.ts';
import { whileMapLives } from './while-map-lives.ts';

/** A click this close to the last corner (or a ring's first) finishes, in screen pixels. */
const SNAP_PX = 8;

/** The running figure beside the pointer or the finished shape: a length, or an area in mu and km². */
function figureText(kind: MeasureKind, points: readonly LonLat[]): string {
  const lang = domainLanguage(useSession.getState().language);
  const m = measure(kind, points);
  if (kind === 'distance') return distanceText(m.lengthM, lang);
  if (m.areaM2 === null) return distanceText(m.lengthM, lang);
  const figures = areaFigures(m.areaM2, lang);
  return `${figures.find((f) => f.unit === 'mu')!.text} · ${figures.find((f) => f.unit === 'km2')!.text}`;
}

/** Typing in a form keeps its keys: Backspace there is not "remove the last corner". */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The measuring tool on the map, for `MapView` only, in every mode: clicks place corners, the
 * pointer pulls a dashed leg with the running length or area beside it, a click on the last
 * corner (a double-click) or on a ring's first corner finishes, Enter finishes, Backspace takes
 * the last corner back and Escape clears. When another tool starts taking the map's clicks
 * (`otherToolTakesClicks`: drawing a block, picking a site, marking a tip-off), measuring stops.
 */
export function useMeasureMap(map: MaplibreMap | null, styleLoaded: boolean, otherToolTakesClicks: boolean): void {
  const kind = useMeasureSession((s) => s.kind);
  const points = useMeasureSession((s) => s.points);
  const finished = useMeasureSession((s) => s.finished);
  const language = useSession((s) => s.language);
  const tipRef = useRef<Marker | null>(null);
  const on = map !== null && styleLoaded && kind !== null;

  useEffect(() => {
    if (otherToolTakesClicks) useMeasureSession.getState().stop();
  }, [otherToolTakesClicks]);

  useEffect(() => {
    if (!on) return;
    const m = map!;
    ensureMeasureOverlay(m);
    const element = document.createElement('div');
    element.className = 'measure-tip';
    const tip = new Marker({ element, anchor: 'left', offset: [14, 0] });
    tipRef.current = tip;
    const zoomOnDoubleClick = m.doubleClickZoom.isEnabled();
    m.doubleClickZoom.disable();
    m.getCanvas().style.cursor = 'crosshair';

    const near = (event: MapMouseEvent, p: LonLat | undefined) => {
      if (!p) return false;
      const q = m.project([p[0], p[1]]);
      return Math.hypot(q.x - event.point.x, q.y - event.point.y) <= SNAP_PX;
    };
    const onClick = (event: MapMouseEvent) => {
      const s = useMeasureSession.getState();
      if (!s.kind) return;
      // The second click of the double-click that finished is not the start of the next measurement.
      if (s.finished && (near(event, s.points[0]) || near(event, s.points.at(-1)))) return;
      if (!s.finished) {
        const enough = s.points.length >= MIN_POINTS[s.kind];
        if (enough && s.kind === 'area' && near(event, s.points[0])) return s.finish();
        if (near(event, s.points.at(-1))) return enough ? s.finish() : undefined;
      }
      s.addPoint([event.lngLat.lng, event.lngLat.lat]);
    };
    const onMove = (event: MapMouseEvent) => {
      const s = useMeasureSession.getState();
      if (!s.kind || s.finished || s.points.length === 0) return;
      const cursor: LonLat = [event.lngLat.lng, event.lngLat.lat];
      showMeasurement(m, s.kind, s.points, cursor);
      element.textContent = figureText(s.kind, [...s.points, cursor]);
      tip.setLngLat([cursor[0], cursor[1]]).addTo(m);
    };
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target)) return;
      const s = useMeasureSession.getState();
      if (event.key === 'Escape') s.clear();
      else if (event.key === 'Enter') s.finish();
      else if (event.key === 'Backspace') s.removeLastPoint();
      else return;
      event.preventDefault();
    };
    m.on('click', onClick);
    m.on('mousemove', onMove);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      tip.remove();
      tipRef.current = null;
      whileMapLives(() => {
        m.off('click', onClick);
        m.off('mousemove', onMove);
        if (zoomOnDoubleClick) m.doubleClickZoom.enable();
        m.getCanvas().style.cursor = '';
        removeMeasureOverlay(m);
      });
    };
  }, [on, map]);

  // What was clicked: the shape without the pointer's leg, and when finished its figure at its last corner.
  useEffect(() => {
    if (!on || !kind) return;
    showMeasurement(map!, kind, points, null);
    const tip = tipRef.current;
    if (!tip) return;
    if (finished && points.length > 0) {
      tip.getElement().textContent = figureText(kind, points);
      tip.setLngLat([points.at(-1)![0], points.at(-1)![1]]).addTo(map!);
    } else if (points.length === 0) {
      tip.remove();
    }
  }, [on, map, kind, points, finished, language]);
}
