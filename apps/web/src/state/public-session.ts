import { create } from 'zustand';
import type { TipOffResponse } from '@mpm/contracts';
import { phoneLayout } from './map-overlay.ts';

/** Public mode's tab in the panel. */
export type PublicTab = 'progress' | 'tipOff' | 'staff';

/**
 * Choices of this visit in public mode (公众): the year on the map and in the figures, the tab,
 * the bottom sheet, and the tip-off being written (its place, picked on the map, and its receipt
 * once sent). Server data lives in `public-store`; hover and drags are not here.
 */
export interface PublicSession {
  year: number;
  tab: PublicTab;
  /** On narrow screens: the bottom sheet shows its body (else only its head with the year). */
  sheetOpen: boolean;
  /** The next tap on the map marks the tip-off's place. */
  picking: boolean;
  /** The tip-off's place, lon/lat (EPSG:4490). */
  place: [number, number] | null;
  receipt: TipOffResponse | null;
  setYear(year: number): void;
  setTab(tab: PublicTab): void;
  setSheetOpen(open: boolean): void;
  setPicking(picking: boolean): void;
  setPlace(place: [number, number] | null): void;
  setReceipt(receipt: TipOffResponse | null): void;
  /** The phone's one tap to the tip-off form: the sheet unfolds on the tip-off tab. */
  openTipOff(): void;
}

export const usePublicSession = create<PublicSession>()((set) => ({
  year: new Date().getFullYear(),
  tab: 'progress',
  // A phone opens on the map, with the year slider; the figures unfold on demand.
  sheetOpen: !phoneLayout(),
  picking: false,
  place: null,
  receipt: null,
  setYear: (year) => set({ year }),
  setTab: (tab) => set({ tab }),
  setSheetOpen: (sheetOpen) => set({ sheetOpen }),
  // Marking a place needs the map: on a phone the sheet gets out of the way meanwhile.
  setPicking: (picking) => set(picking ? { picking, sheetOpen: false } : { picking }),
  setPlace: (place) => set({ place, picking: false, sheetOpen: true }),
  setReceipt: (receipt) => set({ receipt }),
  openTipOff: () => set({ tab: 'tipOff', sheetOpen: true, picking: false }),
}));

/** Whether a tap on the map marks the tip-off's place (and so opens no feature popup). */
export const mapTapMarksPlace = (): boolean => usePublicSession.getState().picking;
