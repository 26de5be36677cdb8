import type { Knex } from 'knex';
import type { CollectionId } from '@mpm/domain';
import { onCommittedWrite } from '../audit/committed-writes.ts';
import type { LayerSettings } from '../layers/layer-access.ts';
import type { Repositories } from '../repositories.plugin.ts';
import type { DataRevision } from './tiles-repository.ts';

/** What a tile depends on besides its address: each layer's publication and data revision. */
export interface LayerState {
  settings: LayerSettings;
  revisions: Record<CollectionId, DataRevision>;
}

/**
 * Longest a process answers from a layer state it read, in milliseconds: how late it may see a
 * write made by another process (a second server on the same PostgreSQL). Its own writes
 * refresh the state at once (`onCommittedWrite`).
 */
export const LAYER_STATE_MAX_AGE_MS = 1000;

/** What reading the layer state needs from the app. */
export interface LayerStateContext {
  knex: Knex;
  repos: Pick<Repositories, 'layers' | 'tiles'>;
}

/**
 * The layer state, read at most once per {@link LAYER_STATE_MAX_AGE_MS} and again after each
 * of this process's audited writes, so that a cached tile costs no query. Each read asks for the
 * revisions only (a settings change moves the layer's revision too, migration 017), and for the
 * settings when a revision moved or this process wrote: on PGlite the settings query holds the
 * event loop for tens of milliseconds. Requests that come while it is being read share the read;
 * a read begun before a write committed is not kept. `onNewRevision` hears each layer whose
 * revision is newer than any read before.
 */
export function createLayerState(context: LayerStateContext, onNewRevision: (id: CollectionId, revision: DataRevision) => void = () => {}) {
  let generation = 0;
  let current: { generation: number; readAt: number; state: Promise<LayerState> } | null = null;
  const newest = new Map<CollectionId, bigint>();
  // Settings are read again when `wanted` moves on (a new revision, a write of this process);
  // `had` is the `wanted` the settings in hand were read for.
  let wanted = 1;
  let had = 0;
  let settings: LayerSettings | null = null;

  async function read(): Promise<LayerState> {
    const revisions = await context.repos.tiles.revisions();
    let moved = false;
    for (const [id, revision] of Object.entries(revisions) as [CollectionId, DataRevision][]) {
      const seen = newest.get(id);
      if (seen === undefined || BigInt(revision) > seen) {
        newest.set(id, BigInt(revision));
        if (seen !== undefined) onNewRevision(id, revision);
        moved = true;
      }
    }
    if (moved) wanted++;
    if (had !== wanted) {
      const asked = wanted;
      const fresh = await context.repos.layers.settings();
      if (asked > had) [settings, had] = [fresh, asked];
    }
    return { settings: settings!, revisions };
  }

  const unsubscribe = onCommittedWrite(context.knex, () => {
    generation++;
    wanted++;
    current = null;
  });

  return {
    /** The layer state as of at most {@link LAYER_STATE_MAX_AGE_MS} ago, or since this process's last write. */
    get(now = Date.now()): Promise<LayerState> {
      if (current && current.generation === generation && now - current.readAt < LAYER_STATE_MAX_AGE_MS) return current.state;
      const entry = { generation, readAt: now, state: read() };
      current = entry;
      entry.state.catch(() => {
        if (current === entry) current = null;
      });
      return entry.state;
    },
    close: unsubscribe,
  };
}

export type LayerStateReader = ReturnType<typeof createLayerState>;
