import { useEffect, useLayoutEffect } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { LAYERS } from '@mpm/domain';
import { activeMode, availableLayers, isLayerOn } from '../state/derived.ts';
import { usePublicSession } from '../state/public-session.ts';
import { useServerData } from '../state/server-store.ts';
import { useSession } from '../state/session-store.ts';
import { formatUrlView, historyStep, layerDeviations, parseUrlView, type Camera, type UrlView } from '../state/url-view.ts';

/** Milliseconds of quiet before the URL follows: a pan or a slider drag writes once, at its end. */
const WRITE_DELAY_MS = 300;

/** Puts a view's mode, year, layers and day into the stores; layers it does not name go back to their default, the rights to today. */
function applyToStores(view: UrlView): void {
  const session = useSession.getState();
  if (view.mode && view.mode !== session.mode) session.setMode(view.mode);
  if (view.year !== undefined) usePublicSession.getState().setYear(view.year);
  if ((view.asOf ?? null) !== session.rightsAsOf) session.setRightsAsOf(view.asOf ?? null);
  for (const def of LAYERS) {
    const wanted = view.layers?.[def.id] ?? def.visibleByDefault;
    if (isLayerOn(def, useSession.getState().layerChoices) !== wanted) session.setLayerOn(def.id, wanted);
  }
}

const jumpTo = (map: MaplibreMap, { lon, lat, zoom }: Camera) => map.jumpTo({ center: [lon, lat], zoom });

/** The view on screen now, or null while the server has not said who the user is. */
function currentView(map: MaplibreMap | null): UrlView | null {
  const server = useServerData.getState();
  if (server.status !== 'ready') return null;
  const session = useSession.getState();
  const mode = activeMode(session.mode, server.user);
  const view: UrlView = { mode, layers: layerDeviations(availableLayers(server.layers), session.layerChoices) };
  if (session.rightsAsOf) view.asOf = session.rightsAsOf;
  if (mode === 'public') view.year = usePublicSession.getState().year;
  if (map) {
    const { lng, lat } = map.getCenter();
    view.camera = { lon: lng, lat, zoom: map.getZoom() };
  } else {
    // No map yet: keep the position the URL asked for until the map takes it over.
    view.camera = parseUrlView(window.location.hash).camera;
  }
  return view;
}

/** The view read from the URL when the page opened, applied once (the map's part when the map exists). */
let opening: UrlView | null = null;
let openingCameraDone = false;

/** The view the URL named when the page opened (empty before `MapView` first renders). */
export const openingView = (): UrlView => opening ?? {};

/**
 * Keeps the view (mode, layers, year, map position) in the URL hash so it can be shared: reads
 * it when the page opens (and when the hash is edited by hand or Back and Forward move through
 * it), writes it when any part changes, once things settle: a new mode as a new history entry
 * (`history.pushState`, so Back returns to the mode before), the rest in place. For `MapView` only.
 */
export function useUrlView(map: MaplibreMap | null): void {
  // Before the first paint, so the first style is already built from the URL's layers.
  useLayoutEffect(() => {
    if (opening) return;
    opening = parseUrlView(window.location.hash);
    applyToStores(opening);
  }, []);

  useEffect(() => {
    if (!map || openingCameraDone) return;
    openingCameraDone = true;
    if (opening?.camera) jumpTo(map, opening.camera);
  }, [map]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let written = window.location.hash.replace(/^#/, '');
    const write = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const view = currentView(map);
        if (!view) return;
        const hash = formatUrlView(view);
        if (hash === written) return;
        const step = historyStep(written, hash);
        written = hash;
        const { pathname, search } = window.location;
        const url = `${pathname}${search}#${hash}`;
        if (step === 'push') window.history.pushState(null, '', url);
        else window.history.replaceState(window.history.state, '', url);
      }, WRITE_DELAY_MS);
    };
    const onHashChange = () => {
      const hash = window.location.hash.replace(/^#/, '');
      if (hash === written) return;
      written = hash;
      const view = parseUrlView(hash);
      applyToStores(view);
      if (map && view.camera) jumpTo(map, view.camera);
    };
    const unsubscribe = [
      useSession.subscribe((s, before) => {
        if (s.mode !== before.mode || s.layerChoices !== before.layerChoices || s.rightsAsOf !== before.rightsAsOf) write();
      }),
      usePublicSession.subscribe((s, before) => {
        if (s.year !== before.year) write();
      }),
      useServerData.subscribe((s, before) => {
        if (s.status !== before.status || s.user !== before.user || s.layers !== before.layers) write();
      }),
    ];
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('popstate', onHashChange);
    map?.on('moveend', write);
    write();
    return () => {
      clearTimeout(timer);
      for (const stop of unsubscribe) stop();
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('popstate', onHashChange);
      map?.off('moveend', write);
    };
  }, [map]);
}
