import type { Knex } from 'knex';

const listeners = new WeakMap<Knex, Set<() => void>>();

/**
 * Calls `listener` each time an audited write on `knex` has committed, so what a process keeps
 * of the data (the tiles' layer state) is fresh for its very next request. Returns the unsubscribe.
 */
export function onCommittedWrite(knex: Knex, listener: () => void): () => void {
  const set = listeners.get(knex) ?? new Set();
  listeners.set(knex, set.add(listener));
  return () => set.delete(listener);
}

/** Tells the listeners of `knex` that a write has committed. */
export function writeCommitted(knex: Knex): void {
  for (const listener of listeners.get(knex) ?? []) listener();
}
