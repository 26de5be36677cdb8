import { create } from 'zustand';
import { mapFrameMm, type MapPrintFormat, type PaperOrientation, type PaperSize } from '@mpm/contracts';
import { mapPrintApi } from '../api/map-print.ts';
import { domainLanguage } from '../i18n/languages.ts';
import type { PrintSnapshot } from '../map/print-snapshot.ts';
import { saveFile } from '../plan/save-file.ts';
import { printLegend } from '../print/print-legend.ts';
import { availableLayers, isLayerOn } from './derived.ts';
import { toProblem, type Problem } from './resource.ts';
import { useServerData } from './server-store.ts';
import { useSession } from './session-store.ts';

/** What the page asks for: its title, paper, orientation and file type. */
export interface PrintOptions {
  /** Empty until the user types one: the dialog then offers the county's map title. */
  title: string;
  paper: PaperSize;
  orientation: PaperOrientation;
  format: MapPrintFormat;
}

/** Where the latest print is: the map drawing its frame, the server composing the page, done, or failed. */
export type PrintStatus = 'idle' | 'drawing' | 'printing' | 'done' | 'problem';

/**
 * Printing the map (打印/导出地图) this visit: whether the dialog is open, its choices, and the
 * latest print. `request` counts prints; the map (`useMapPrint`) draws the frame of the latest
 * and hands it back through {@link PrintSession.deliver}, which has the server compose the page.
 */
export interface PrintSession {
  open: boolean;
  options: PrintOptions;
  request: number;
  status: PrintStatus;
  problem: Problem | null;
  setOpen(open: boolean): void;
  setOptions(patch: Partial<PrintOptions>): void;
  /** Starts a print of the current view with `title` (the dialog's, or its default). */
  print(title: string): void;
  /** The map's frame for print `request`, or why it could not draw it. */
  deliver(request: number, snapshot: PrintSnapshot | Error): Promise<void>;
}

/** Code of the problem when the map could not draw the frame (its tiles never came, say). */
export const MAP_NOT_DRAWN = 'mapNotDrawn';

/** The frame the map draws for `options`, in millimetres. */
export const printFrame = (options: PrintOptions) => mapFrameMm(options.paper, options.orientation);

export const usePrintSession = create<PrintSession>()((set, get) => ({
  open: false,
  options: { title: '', paper: 'A4', orientation: 'landscape', format: 'pdf' },
  request: 0,
  status: 'idle',
  problem: null,
  setOpen: (open) => set(open ? { open, status: 'idle', problem: null } : { open }),
  setOptions: (patch) => set((s) => ({ options: { ...s.options, ...patch } })),
  print: (title) => set((s) => ({ options: { ...s.options, title }, request: s.request + 1, status: 'drawing', problem: null })),
  async deliver(request, snapshot) {
    if (request !== get().request) return;
    if (snapshot instanceof Error) {
      set({ status: 'problem', problem: { code: MAP_NOT_DRAWN, message: snapshot.message } });
      return;
    }
    set({ status: 'printing' });
    const { options } = get();
    const { language, layerChoices } = useSession.getState();
    const defs = availableLayers(useServerData.getState().layers);
    const legend = printLegend(defs, (def) => isLayerOn(def, layerChoices), domainLanguage(language));
    try {
      const blob = await mapPrintApi.print({ ...options, ...snapshot, legend }, language);
      if (request !== get().request) return;
      saveFile(blob, `${options.title.replace(/[\\/:*?"<>|]/g, '_')}.${options.format}`);
      set({ status: 'done' });
    } catch (err) {
      if (request === get().request) set({ status: 'problem', problem: toProblem(err) });
    }
  },
}));
