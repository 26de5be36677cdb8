import type { Knex } from 'knex';
import { COLLECTION_IDS, type CollectionId } from '@mpm/domain';
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
 * The layer state, read at most once per {@link LAYER_STATE_MAX_AGE_MS} and again after this
 * process's audited writes that changed layers, so that a cached tile costs no query. A state
 * older than that is read again behind the requests, which go on with the state in hand meanwhile:
 * a tile never waits for the database behind a long statement (a 5 000-patch round) only because
 * a second passed. After a write of this process, the requests for the layers it changed wait for
 * a read begun after it; those for other layers go on with the state in hand (a ledger entry or a
 * patch round no longer holds up the map's other tiles). Each read asks for the revisions only (a
 * settings change moves the layer's revision too, migration 017), and for the settings when a
 * revision moved: on PGlite the settings query takes its one connection for tens of milliseconds.
 * Requests that come while it is being read share the read. `onNewRevision` hears each layer whose
 * revision is newer than any read before.
 */
export function createLayerState(context: LayerStateContext, onNewRevision: (id: CollectionId, revision: DataRevision) => void = () => {}) {
  /** Moved on by each committed write of this process that changed layers. */
  let generation = 0;
  /** The generation of each layer's last such write: a state read from a later generation on has it. */
  const writtenAt = new Map<CollectionId, number>();
  /** The read under way, if any, and the newest read done (dropped when a read fails). */
  let reading: { generation: number; readAt: number; state: Promise<LayerState> } | null = null;
  let done: { generation: number; readAt: number; state: LayerState } | null = null;
  const newest = new Map<CollectionId, bigint>();
  // Settings are read again when `wanted` moves on (a new revision); `had` is the `wanted` the
  // settings in hand were read for.
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
        // Reads may overlap (one begun after a write while an older one runs): the later begun is kept.
        if (!done || entry.generation >= done.generation) done = { ...entry, state };
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

  /** Whether a read begun at `read` has every write of this process to `layers`. */
  const hasWrites = (read: number, layers: readonly CollectionId[]) => layers.every((id) => (writtenAt.get(id) ?? 0) <= read);

  const unsubscribe = onCommittedWrite(context.knex, (layers) => {
    if (layers.length === 0) return;
    generation++;
    for (const id of layers) writtenAt.set(id, generation);
  });

  return {
    /**
     * The layer state with this process's writes to `layers` (every layer when not given), read
     * as of at most {@link LAYER_STATE_MAX_AGE_MS} ago or while it is read again.
     */
    get(layers: readonly CollectionId[] = COLLECTION_IDS, now = Date.now()): Promise<LayerState> {
      if (done && hasWrites(done.generation, layers)) {
        if (now - done.readAt >= LAYER_STATE_MAX_AGE_MS && !reading) readAgain(now).catch(() => {});
        return Promise.resolve(done.state);
      }
      if (reading && hasWrites(reading.generation, layers)) return reading.state;
      return readAgain(now);
    },
    close: unsubscribe,
  };
}

export type LayerStateReader = ReturnType<typeof createLayerState>;
