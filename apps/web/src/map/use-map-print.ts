import { useEffect } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { printFrame, usePrintSession } from '../state/print-session.ts';
import { printSnapshot } from './print-snapshot.ts';

/** Printing, for `MapView` only: each print request draws the current view into the page's frame and hands it back. */
export function useMapPrint(map: MaplibreMap | null): void {
  const request = usePrintSession((s) => s.request);
  useEffect(() => {
    if (!map || request === 0) return;
    const { options, deliver } = usePrintSession.getState();
    void printSnapshot(map, printFrame(options)).then(
      (snapshot) => deliver(request, snapshot),
      (err: unknown) => deliver(request, err instanceof Error ? err : new Error(String(err))),
    );
  }, [map, request]);
}
