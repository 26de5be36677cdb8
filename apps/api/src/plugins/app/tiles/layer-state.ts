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
 * Age in milliseconds after which a layer state is read again: a write made by another process
 * (a second server on the same PostgreSQL) is seen after at most this plus one read. Its own
 * writes refresh the state at once (`onCommittedWrite`).
 */
export const LAYER_STATE_MAX_AGE_MS = 1000;

/** What reading the layer state needs from the app. */
export interface LayerStateContext {
  knex: Knex;
  repos: Pick<Repositories, 'layers' | 'tiles'>;
}

/**
 * The layer state, read at most once per {@link LAYER_STATE_MAX_AGE_MS} and again after each
 * of this process's audited writes, so that a cached tile costs no query. A state older than that
 * is read again behind the requests, which go on with the state in hand meanwhile: a tile never
 * waits for the database behind a long statement (a 5 000-patch round) only because a second
 * passed; after a write of this process, requests wait for the new read. Each read asks for the
 * revisions only (a settings change moves the layer's revision too, migration 017), and for the
 * settings when a revision moved or this process wrote: on PGlite the settings query takes its one
 * connection for tens of milliseconds. Requests that come while it is being read share the read;
 * a read begun before a write committed is not kept. `onNewRevision` hears each layer whose
 * revision is newer than any read before.
 */
export function createLayerState(context: LayerStateContext, onNewRevision: (id: CollectionId, revision: DataRevision) => void = () => {}) {
  let generation = 0;
  /** The read under way, if any, and the newest read done (dropped when a read fails). */
  let reading: { generation: number; readAt: number; state: Promise<LayerState> } | null = null;
  let done: { generation: number; readAt: number; state: LayerState } | null = null;
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

  function readAgain(now: number): Promise<LayerState> {
    const entry = { generation, readAt: now, state: read() };
    reading = entry;
    entry.state.then(
      (state) => {
        // Reads of one generation never overlap: a read begun before a write is not kept.
        if (entry.generation === generation) done = { ...entry, state };
      },
      // The next request waits for a read of its own, and hears why it failed.
      () => {
        if (done?.generation === entry.generation) done = null;
      },
    ).finally(() => {
      if (reading === entry) reading = null;
    });
    return entry.state;
  }

  const unsubscribe = onCommittedWrite(context.knex, () => {
    generation++;
    wanted++;
    reading = null;
  });

  return {
    /**
     * The layer state read since this process's last write, as of at most
     * {@link LAYER_STATE_MAX_AGE_MS} ago or while it is read again.
     */
    get(now = Date.now()): Promise<LayerState> {
      if (done && done.generation === generation) {
        if (now - done.readAt >= LAYER_STATE_MAX_AGE_MS && !reading) readAgain(now).catch(() => {});
        return Promise.resolve(done.state);
      }
      if (reading && reading.generation === generation) return reading.state;
      return readAgain(now);
    },
    close: unsubscribe,
  };
}

export type LayerStateReader = ReturnType<typeof createLayerState>;
