import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { isRightCollection } from '@mpm/domain';
import {
  AttributionControl,
  Map as MaplibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type StyleSpecification,
  type VectorTileSource,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { exposeMap, hideMap } from '../map/debug-handle.ts';
import { addStatusPattern } from '../map/status-patterns.ts';
import { domainLanguage } from '../i18n/languages.ts';
import { LOCAL_IDEOGRAPH_FONT_FAMILY } from '../map/labels.ts';
import { hitLayerId } from '../map/layer-styles.ts';
import { buildMapStyle, TILES_SOURCE } from '../map/map-style.ts';
import { releasePadding } from '../map/keep-in-view.ts';
import { keepRuntimeLayers } from '../map/plan-overlay.ts';
import { featuresAt } from '../map/query.ts';
import { useEditMap } from '../map/use-edit-map.ts';
import { useBoundaryMap } from '../map/use-boundary-map.ts';
import { useDataMap } from '../map/use-data-map.ts';
import { useInspectMap } from '../map/use-inspect-map.ts';
import { useMapPrint } from '../map/use-map-print.ts';
import { useMeasureMap } from '../map/use-measure-map.ts';
import { usePlanMap } from '../map/use-plan-map.ts';
import { usePublicMap } from '../map/use-public-map.ts';
import { useSearchFlight } from '../map/use-search-flight.ts';
import { useUrlView } from '../map/use-url-view.ts';
import { activeMode, availableLayers, isLayerOn } from '../state/derived.ts';
import { useBoundaryDrawing } from '../state/boundary-drawing.ts';
import { useDataSession } from '../state/data-session.ts';
import { mapTapPicksSite } from '../state/inspect-session.ts';
import { mapTapMeasures } from '../state/measure-session.ts';
import { useMapOverlay } from '../state/map-overlay.ts';
import { usePlan } from '../state/plan-store.ts';
import { mapTapMarksPlace } from '../state/public-session.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { FeaturePopup } from './FeaturePopup.tsx';
import { MapTools } from './map-tools/MapTools.tsx';
import { SearchBox } from './SearchBox.tsx';

// MapLibre finds its worker beside its own module, which a bundler moves; hand it the asset URL.
setWorkerUrl(workerUrl);

/** Where the map looks before the county extent is known (or when there is none): China. */
const FALLBACK_VIEW = { center: [105, 35] as [number, number], zoom: 3.5 };

/**
 * The one owner of the MapLibre map. Other components change the stores; this component turns
 * store state into the map style (diffed, so only what changed is touched), the popup and the
 * initial view, and turns clicks into a selection. In plan mode it also runs the drawing and
 * the highlighted overlaps (`usePlanMap`).
 */
export function MapView() {
  const { t } = useTranslation();
  const config = useServerData((s) => s.config);
  const layers = useServerData((s) => s.layers);
  const tiles = useServerData((s) => s.tiles);
  const tileRevisions = useServerData((s) => s.tileRevisions);
  const user = useServerData((s) => s.user);
  const userId = user?.id ?? null;
  const mode = activeMode(
    useSession((s) => s.mode),
    user,
  );
  const planMode = mode === 'plan';
  const tool = usePlan((s) => s.tool);
  const layerChoices = useSession((s) => s.layerChoices);
  const rightsAsOf = useSession((s) => s.rightsAsOf);
  const basemap = useSession((s) => s.basemap);
  const selection = useSession((s) => s.selection);
  const language = domainLanguage(useSession((s) => s.language));
  const select = useSession((s) => s.select);

  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [styleLoaded, setStyleLoaded] = useState(false);
  const [popupNode] = useState(() => document.createElement('div'));
  const popupRef = useRef<Popup | null>(null);

  const defs = useMemo(() => availableLayers(layers), [layers]);
  const style = useMemo<StyleSpecification | null>(() => {
    if (!config || !layers || !tiles) return null;
    const tilejson = new Map(layers.map((layer) => [layer.id, layer.tilejson]));
    // Staff see more labels than the public, and a write moves them: either makes a new URL.
    const labelsKey = `${userId ?? 0}-${Object.values(tileRevisions).reduce((sum, n) => sum + (n ?? 0), 0)}`;
    return buildMapStyle({
      origin: window.location.origin,
      tiandituKey: config.tiandituKey,
      basemap,
      tiles,
      layers: defs.map((def) => ({
        def,
        tilejson: tilejson.get(def.id)!,
        visible: isLayerOn(def, layerChoices),
        revision: tileRevisions[def.id],
        asOf: rightsAsOf && isRightCollection(def.id) ? rightsAsOf : undefined,
      })),
      language,
      labels: `/api/labels?v=${labelsKey}`,
    });
  }, [config, layers, tiles, defs, layerChoices, rightsAsOf, basemap, tileRevisions, language, userId]);

  // Read by the click handler, which is bound once.
  const hitLayersRef = useRef<string[]>([]);
  hitLayersRef.current = defs.map(hitLayerId);
  const styleRef = useRef(style);
  styleRef.current = style;
  const dataTab = useDataSession((s) => s.tab);
  // While drawing or editing a block, clicks belong to the drawing, not to the popup; so while measuring.
  const editing = mode === 'data' && dataTab === 'edit';
  const drawingBoundary = useBoundaryDrawing((s) => s.drawing) && mode === 'admin';
  const otherToolTakesClicks = (planMode && tool !== 'pan') || editing || drawingBoundary || mapTapMarksPlace() || mapTapPicksSite(mode === 'inspect');
  const clicksSelectRef = useRef(true);
  clicksSelectRef.current = !otherToolTakesClicks && !mapTapMeasures();

  const ready = style !== null;
  useEffect(() => {
    if (!ready || !containerRef.current) return;
    const bounds = useServerData.getState().config?.bounds;
    const instance = new MaplibreMap({
      container: containerRef.current,
      style: styleRef.current!,
      ...(bounds ? { bounds, fitBoundsOptions: { padding: 32 } } : FALLBACK_VIEW),
      maxZoom: 18,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      attributionControl: false,
      // Printing and screenshots read the canvas after it is drawn.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      dragRotate: false,
      pitchWithRotate: false,
    });
    instance.touchZoomRotate.disableRotation();
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    instance.addControl(new AttributionControl({ compact: true }), 'bottom-right');
    instance.on('load', () => setStyleLoaded(true));
    instance.on('styleimagemissing', ({ id }) => addStatusPattern(instance, id));
    instance.on('click', (event) => {
      if (!clicksSelectRef.current) return;
      const features = featuresAt(instance, event.point, hitLayersRef.current);
      select(features.length ? { lngLat: [event.lngLat.lng, event.lngLat.lat], features } : null);
    });
    exposeMap(instance);
    setMap(instance);
    return () => {
      hideMap(instance);
      popupRef.current = null;
      instance.remove();
      setMap(null);
      setStyleLoaded(false);
    };
  }, [ready, select]);

  // Later changes (a layer switched, layers added after sign-in) go in as a diff. New tiles of all
  // layers (a write moved their revision) are fetched in place first: a changed source in a diff
  // is removed and added again, with every layer drawn from it.
  useEffect(() => {
    if (!map || !styleLoaded || !style) return;
    const source = map.getSource<VectorTileSource>(TILES_SOURCE);
    const next = style.sources[TILES_SOURCE];
    if (source && next.type === 'vector' && next.tiles && source.tiles?.[0] !== next.tiles[0]) source.setTiles(next.tiles);
    map.setStyle(style, { diff: true, transformStyle: keepRuntimeLayers });
  }, [map, styleLoaded, style]);

  // The phone's sheet folded: the padding that kept a site above it goes too.
  const coveredPx = useMapOverlay((s) => s.coveredPx);
  useEffect(() => {
    if (map) releasePadding(map, () => useMapOverlay.getState().coveredPx);
  }, [map, coveredPx]);

  usePlanMap(map, styleLoaded, planMode);
  useInspectMap(map, styleLoaded, mode === 'inspect');
  usePublicMap(map, styleLoaded, mode === 'public');
  useDataMap(map, styleLoaded, mode === 'data');
  useEditMap(map, styleLoaded, editing);
  useBoundaryMap(map, styleLoaded, mode === 'admin');
  useUrlView(map);
  useSearchFlight(map);
  useMeasureMap(map, styleLoaded, otherToolTakesClicks);
  useMapPrint(map);

  // Staff tiles carry fields the public ones lack: after sign-in or sign-out, fetch tiles anew.
  const tileViewerRef = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (!map) return;
    const previous = tileViewerRef.current;
    tileViewerRef.current = userId;
    if (previous === undefined || previous === userId) return;
    for (const id of [TILES_SOURCE, ...defs.map((def) => def.id)]) if (map.getSource(id)) map.refreshTiles(id);
  }, [map, userId, defs]);

  // A selection on a layer that went away (signed out) goes with it.
  useEffect(() => {
    const current = useSession.getState().selection;
    if (!current) return;
    const ids = new Set(defs.map((def) => def.id));
    const kept = current.features.filter((feature) => ids.has(feature.layerId));
    if (kept.length !== current.features.length) select(kept.length ? { ...current, features: kept } : null);
  }, [defs, select]);

  useEffect(() => {
    if (!map) return;
    if (!selection) {
      popupRef.current?.remove();
      return;
    }
    let popup = popupRef.current;
    if (!popup) {
      popup = new Popup({ closeOnClick: false, maxWidth: '360px', className: 'feature-popup', focusAfterOpen: false });
      popup.on('close', () => {
        if (useSession.getState().selection) select(null);
      });
      popupRef.current = popup;
    }
    popup.setLngLat(selection.lngLat).setDOMContent(popupNode);
    if (!popup.isOpen()) popup.addTo(map);
  }, [map, selection, popupNode, select]);

  return (
    <>
      <div className="map-view" ref={containerRef} role="region" aria-label={t('Map')}>
        {selection && createPortal(<FeaturePopup selection={selection} />, popupNode)}
      </div>
      {ready && <SearchBox />}
      {ready && <MapTools />}
    </>
  );
}
