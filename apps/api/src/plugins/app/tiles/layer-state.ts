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
 * of this process's audited writes, so that a cached tile costs no query. Requests that come
 * while it is being read share the read. A read begun before a write committed is not kept.
 * `onNewRevision` hears each layer whose revision is newer than any read before.
 */
export function createLayerState(context: LayerStateContext, onNewRevision: (id: CollectionId, revision: DataRevision) => void = () => {}) {
  let generation = 0;
  let current: { generation: number; readAt: number; state: Promise<LayerState> } | null = null;
  const newest = new Map<CollectionId, bigint>();

  async function read(): Promise<LayerState> {
    const settings = await context.repos.layers.settings();
    const revisions = await context.repos.tiles.revisions();
    for (const [id, revision] of Object.entries(revisions) as [CollectionId, DataRevision][]) {
      const seen = newest.get(id);
      if (seen === undefined || BigInt(revision) > seen) {
        newest.set(id, BigInt(revision));
        if (seen !== undefined) onNewRevision(id, revision);
      }
    }
    return { settings, revisions };
  }

  const unsubscribe = onCommittedWrite(context.knex, () => {
    generation++;
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
