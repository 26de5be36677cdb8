import { create } from 'zustand';
import type { ImportMode, ShapefileEncoding } from '@mpm/contracts';
import type { CollectionId } from '@mpm/domain';

/** The data panel's tabs: import a file, edit features, the layer's revisions, export the layer. */
export const DATA_TABS = ['import', 'edit', 'revisions', 'export'] as const;
export type DataTab = (typeof DATA_TABS)[number];

/** What the officer chose for the next upload; empty members are left to the server to detect. */
export interface ImportChoices {
  mode: ImportMode;
  encoding: ShapefileEncoding | '';
  /** An EPSG code as typed (`EPSG:4524`, or just `4524`). */
  sourceCrs: string;
  sourceLayer: string;
}

/** Choices of this visit in data mode (数据管理, admins); what the server answered lives in `transfer-store`. */
export interface DataSession {
  tab: DataTab;
  /** The layer imported into, whose revisions are listed and which is exported. */
  layer: CollectionId;
  /** The files chosen for the import (kept to send again with a changed mapping). */
  files: File[];
  choices: ImportChoices;
  setTab(tab: DataTab): void;
  setLayer(layer: CollectionId): void;
  setFiles(files: File[]): void;
  setChoices(choices: Partial<ImportChoices>): void;
}

const DEFAULT_CHOICES: ImportChoices = { mode: 'replace', encoding: '', sourceCrs: '', sourceLayer: '' };

export const useDataSession = create<DataSession>()((set) => ({
  tab: 'import',
  layer: 'farmland',
  files: [],
  choices: DEFAULT_CHOICES,
  setTab: (tab) => set({ tab }),
  // Another layer: another import (the files may be for the first one, the source layer surely is).
  setLayer: (layer) => set((s) => ({ layer, choices: { ...s.choices, sourceLayer: '' } })),
  setFiles: (files) => set((s) => ({ files, choices: { ...s.choices, sourceLayer: '' } })),
  setChoices: (choices) => set((s) => ({ choices: { ...s.choices, ...choices } })),
}));
