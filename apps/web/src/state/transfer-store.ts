import { create } from 'zustand';
import type { ImportPreview, LayerRevision } from '@mpm/contracts';
import type { CollectionId } from '@mpm/domain';
import type { UploadProgress } from '../api/client.ts';
import { transferApi, type ImportRequest } from '../api/transfer.ts';
import type { UiLanguage } from '../i18n/languages.ts';
import { idle, load, slotOf, type Resource } from './resource.ts';
import { useServerData } from './server-store.ts';

/**
 * What the server said in data mode (admins): the preview of the file uploaded last, the revision
 * its commit (or a restore) wrote, and the chosen layer's revisions. Dropped at sign-out.
 */
export interface TransferData {
  /** Keyed by the layer it is for; the request that made it, to send again with another mapping. */
  preview: Resource<ImportPreview>;
  previewRequest: ImportRequest | null;
  /** The last commit or restore, keyed by what it wrote (`import:<id>`, `restore:<layer>:<revision>`). */
  written: Resource<LayerRevision>;
  /** Keyed by layer. */
  revisions: Resource<LayerRevision[]>;
  /** Uploads the files and shows what they hold; `onProgress` hears the upload go. */
  previewImport(body: ImportRequest, lang: UiLanguage, onProgress?: (progress: UploadProgress) => void): Promise<void>;
  clearPreview(): void;
  /** Writes the previewed import as the layer's next revision, then refreshes the map and the revisions. */
  commit(lang: UiLanguage): Promise<void>;
  loadRevisions(layer: CollectionId, lang: UiLanguage): Promise<void>;
  /** Puts the layer back as it stood before `revision` (itself a new revision). */
  restore(layer: CollectionId, revision: number, lang: UiLanguage): Promise<void>;
  reset(): void;
}

const INITIAL = {
  preview: idle<ImportPreview>(),
  previewRequest: null,
  written: idle<LayerRevision>(),
  revisions: idle<LayerRevision[]>(),
};

export const useTransferData = create<TransferData>()((set, get) => {
  /** After a write: the map shows the layer anew, the revisions list the write. */
  const written = async (layer: CollectionId, lang: UiLanguage) => {
    await Promise.all([useServerData.getState().layerWritten(layer, lang), get().loadRevisions(layer, lang)]);
  };
  return {
    ...INITIAL,

    async previewImport(body, lang, onProgress) {
      set({ previewRequest: body, written: idle() });
      await load(slotOf(get, set, 'preview'), () => transferApi.preview(body, lang, onProgress), body.layer);
    },

    clearPreview: () => set({ preview: idle(), previewRequest: null }),

    async commit(lang) {
      const preview = get().preview.data;
      if (!preview || get().written.status === 'loading') return;
      const revision = await load(slotOf(get, set, 'written'), () => transferApi.commit(preview.id, lang), `import:${preview.id}`);
      if (revision) await written(preview.layer as CollectionId, lang);
    },

    async loadRevisions(layer, lang) {
      await load(slotOf(get, set, 'revisions'), async () => (await transferApi.revisions(layer, lang)).revisions, layer);
    },

    async restore(layer, revision, lang) {
      if (get().written.status === 'loading') return;
      const done = await load(slotOf(get, set, 'written'), () => transferApi.restore(layer, revision, lang), `restore:${layer}:${revision}`);
      if (done) await written(layer, lang);
    },

    reset: () => set(INITIAL),
  };
});

// Staff data goes with the user who fetched it.
useServerData.subscribe((state, previous) => {
  if (state.user?.id !== previous.user?.id) useTransferData.getState().reset();
});
