import type { Knex } from 'knex';
import type { CollectionId } from '@mpm/domain';

/** Hears that a write committed, with the layers it changed (none for a ledger entry, say). */
export type CommittedWriteListener = (layers: readonly CollectionId[]) => void;

const listeners = new WeakMap<Knex, Set<CommittedWriteListener>>();

/**
 * Calls `listener` each time an audited write on `knex` has committed, so what a process keeps
 * of the data (the tiles' layer state) is fresh for its very next request. Returns the unsubscribe.
 */
export function onCommittedWrite(knex: Knex, listener: CommittedWriteListener): () => void {
  const set = listeners.get(knex) ?? new Set();
  listeners.set(knex, set.add(listener));
  return () => set.delete(listener);
}

/** Tells the listeners of `knex` that a write changing `layers` has committed. */
export function writeCommitted(knex: Knex, layers: readonly CollectionId[]): void {
  for (const listener of listeners.get(knex) ?? []) listener(layers);
}
