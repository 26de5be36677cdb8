import { useLayoutEffect, useRef } from 'react';
import { create } from 'zustand';

/** Layout, not data: how much of the map the mode's panel covers where it lies over it (the phone's bottom sheet). */
interface MapOverlay {
  /** Height of the panel over the bottom of the map, in CSS pixels; 0 when the panel stands beside the map. */
  coveredPx: number;
  setCoveredPx(px: number): void;
}

export const useMapOverlay = create<MapOverlay>()((set) => ({
  coveredPx: 0,
  setCoveredPx: (coveredPx) => set({ coveredPx }),
}));

/** Whether the page has the phone layout, where the mode's panel is a bottom sheet (the CSS breakpoint). */
export const phoneLayout = (): boolean => window.matchMedia?.('(max-width: 760px)').matches ?? false;

/**
 * For a mode's panel: tells the map how much of it the panel covers (all of its height when it
 * lies over the map, nothing when it stands beside it), as the panel resizes; 0 once it is gone.
 */
export function useOverlayMeasure<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const { setCoveredPx } = useMapOverlay.getState();
    const measure = () => setCoveredPx(getComputedStyle(element).position === 'absolute' ? element.offsetHeight : 0);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
      setCoveredPx(0);
    };
  }, []);
  return ref;
}
