import { useEffect, useState } from 'react';
import type { MapLayerMouseEvent, MapMouseEvent, Map as MaplibreMap } from 'maplibre-gl';
import { inspectApi } from '../api/inspect.ts';
import { bboxOf, inspectTakesClicks, useInspectSession, type Bbox } from '../state/inspect-session.ts';
import { useInspectData, type SiteCheck } from '../state/inspect-store.ts';
import { useLedger } from '../state/ledger-store.ts';
import { useMapOverlay } from '../state/map-overlay.ts';
import { mapTapMeasures } from '../state/measure-session.ts';
import { useSession } from '../state/session-store.ts';
import {
  ensureInspectOverlay,
  LEDGER_POINT_LAYER,
  LEDGER_SOURCE,
  PATCH_FILL_LAYER,
  PATCH_SOURCE,
  removeInspectOverlay,
  RIGHT_SOURCE,
  selectPatchOnMap,
  setInspectData,
  SITE_SOURCE,
} from './inspect-overlay.ts';
import { useInspectDrawing } from './inspect-drawing.ts';
import { keepInView, overlayPadding } from './keep-in-view.ts';
import { whileMapLives } from './while-map-lives.ts';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const collection = (...features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });

/** Zoom a single point is shown at, at least (a site of a few hundred metres fills the screen). */
const POINT_ZOOM = 14;

/** Moves the map to show `bbox` in the part of it not covered by the panel (phone bottom sheet). */
function showExtent(map: MaplibreMap, bbox: Bbox, animate: boolean) {
  const padding = overlayPadding(map, useMapOverlay.getState().coveredPx);
  const duration = animate ? 600 : 0;
  if (bbox[0] === bbox[2] && bbox[1] === bbox[3]) {
    map.easeTo({ center: [bbox[0], bbox[1]], zoom: Math.max(map.getZoom(), POINT_ZOOM), padding, duration });
  } else {
    map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding, maxZoom: 16, duration },
    );
  }
}

const siteGeometry = (site: SiteCheck) => (site.status === 'idle' ? null : site.geometry);

/**
 * Inspect mode on the map, for `MapView` only: the site (picked by a tap, drawn, typed, located),
 * the classified patches in their colours, the right picked in the register, the ledger entries,
 * moving the map to what the panel asks for, and the map snapshot for the printed site card.
 */
export function useInspectMap(map: MaplibreMap | null, styleLoaded: boolean, active: boolean): void {
  const site = useInspectData((s) => s.site);
  const patches = useInspectData((s) => s.patches.data);
  const entries = useLedger((s) => s.list.data?.entries ?? null);
  const focus = useInspectSession((s) => s.focus);
  const highlighted = useInspectSession((s) => s.highlighted);
  const selectedPatchId = useInspectSession((s) => s.selectedPatchId);
  const picking = useInspectSession((s) => s.tab === 'site' && s.tool === 'pick');
  // Subscribed so that `MapView` renders again (and re-reads `mapTapPicksSite`) when it changes.
  useInspectSession(inspectTakesClicks);
  const printRequest = useInspectSession((s) => s.print.request);
  const coveredPx = useMapOverlay((s) => s.coveredPx);
  const [ready, setReady] = useState<MaplibreMap | null>(null);
  const on = ready !== null && ready === map;

  useEffect(() => {
    if (!map || !styleLoaded || !active) return;
    ensureInspectOverlay(map);
    setReady(map);
    const lang = () => useSession.getState().language;
    const onClick = (event: MapMouseEvent) => {
      const session = useInspectSession.getState();
      if (session.tab !== 'site' || session.tool !== 'pick') return;
      const point: GeoJSON.Point = { type: 'Point', coordinates: [event.lngLat.lng, event.lngLat.lat] };
      void useInspectData.getState().checkSite(point, 'tap', lang());
    };
    const onPatch = (event: MapLayerMouseEvent) => {
      const id = Number(event.features?.[0]?.properties?.id);
      if (inspectTakesClicks(useInspectSession.getState()) || mapTapMeasures() || !Number.isInteger(id)) return;
      useInspectSession.getState().selectPatch(id);
    };
    const onEntry = (event: MapLayerMouseEvent) => {
      const id = Number(event.features?.[0]?.properties?.id);
      if (inspectTakesClicks(useInspectSession.getState()) || mapTapMeasures() || !Number.isInteger(id)) return;
      useInspectSession.getState().setTab('ledger');
      void useLedger.getState().openEntry(id, lang());
    };
    map.on('click', onClick);
    map.on('click', PATCH_FILL_LAYER, onPatch);
    map.on('click', LEDGER_POINT_LAYER, onEntry);
    return () => {
      setReady(null);
      map.off('click', onClick);
      map.off('click', PATCH_FILL_LAYER, onPatch);
      map.off('click', LEDGER_POINT_LAYER, onEntry);
      whileMapLives(() => {
        map.getCanvas().style.cursor = '';
        removeInspectOverlay(map);
      });
    };
  }, [map, styleLoaded, active]);

  useEffect(() => {
    if (on) map!.getCanvas().style.cursor = picking ? 'crosshair' : '';
  }, [on, map, picking]);

  // The site: drawn, and shown when it did not come from a tap or a drawing on the visible map.
  const geometry = siteGeometry(site);
  const origin = site.status === 'idle' ? null : site.origin;
  useEffect(() => {
    if (!on) return;
    setInspectData(map!, SITE_SOURCE, geometry ? collection({ type: 'Feature', geometry, properties: {} }) : EMPTY);
    if (geometry && origin !== 'tap' && origin !== 'draw') showExtent(map!, bboxOf(geometry), true);
  }, [on, map, geometry, origin]);

  // The phone's sheet unfolds for the card (or folds): the site stays in the part of the map it leaves free.
  useEffect(() => {
    if (!on || !geometry) return;
    const [w, s, e, n] = bboxOf(geometry);
    keepInView(map!, [(w + e) / 2, (s + n) / 2], coveredPx);
  }, [on, map, geometry, coveredPx]);

  useEffect(() => {
    if (on) setInspectData(map!, PATCH_SOURCE, patches ?? EMPTY);
  }, [on, map, patches]);

  useEffect(() => {
    if (on) selectPatchOnMap(map!, selectedPatchId);
  }, [on, map, selectedPatchId]);

  useEffect(() => {
    if (!on) return;
    const points = (entries ?? []).map(
      (entry): GeoJSON.Feature => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: entry.centre },
        properties: { id: entry.id, status: entry.status },
      }),
    );
    setInspectData(map!, LEDGER_SOURCE, collection(...points));
  }, [on, map, entries]);

  // The right picked in the register: its polygon from OGC API – Features.
  useEffect(() => {
    if (!on) return;
    setInspectData(map!, RIGHT_SOURCE, EMPTY);
    if (!highlighted) return;
    let wanted = true;
    inspectApi
      .feature(highlighted.collection, highlighted.featureId, useSession.getState().language)
      .then((feature) => wanted && whileMapLives(() => setInspectData(map!, RIGHT_SOURCE, collection(feature))))
      .catch(() => {
        // The register's bbox still took the map there; only the outline is missing.
      });
    return () => {
      wanted = false;
    };
  }, [on, map, highlighted]);

  useEffect(() => {
    if (on && focus) showExtent(map!, focus.bbox, true);
  }, [on, map, focus]);

  // Printing: the site in view, then a snapshot of the canvas (kept by `preserveDrawingBuffer`).
  useEffect(() => {
    if (!on || printRequest === 0) return;
    const target = siteGeometry(useInspectData.getState().site);
    let done = false;
    const capture = () => {
      if (done) return;
      done = true;
      let snapshot: string | null = null;
      try {
        snapshot = map!.getCanvas().toDataURL('image/jpeg', 0.9);
      } catch {
        // A tainted or lost canvas: the card prints with its coordinates only.
      }
      useInspectSession.getState().answerPrint(printRequest, snapshot);
    };
    if (target) showExtent(map!, bboxOf(target), false);
    map!.once('idle', capture);
    map!.triggerRepaint();
    const timer = setTimeout(capture, 4000);
    return () => {
      done = true;
      clearTimeout(timer);
      whileMapLives(() => map!.off('idle', capture));
    };
  }, [on, map, printRequest]);

  useInspectDrawing(on ? map : null);
}
