import { ApiError, NETWORK_ERROR } from '../api/client.ts';

/** A failure worth showing: the server's code and message (or `network`). */
export interface Problem {
  code: string;
  message: string;
}

/** The failure `err` as the page shows it: an API refusal as the server worded it, anything else as text. */
export const toProblem = (err: unknown): Problem =>
  err instanceof ApiError
    ? { code: err.code, message: err.message }
    : { code: 'unexpected', message: err instanceof Error ? err.message : String(err) };

/** Whether `problem` is the server not answering at all (rather than refusing). */
export const isNetworkProblem = (problem: Problem): boolean => problem.code === NETWORK_ERROR;

/**
 * Something the server holds, as the page has it: not asked for yet (`idle`), on its way
 * (`loading`, keeping what came before), here (`ready`), or refused (`problem`). `key` names what
 * was asked (a date, a proposal id), so that an answer to an earlier question can be dropped.
 */
export interface Resource<T> {
  status: 'idle' | 'loading' | 'ready' | 'problem';
  key: string | null;
  data: T | null;
  problem: Problem | null;
}

/** A resource not asked for yet. */
export const idle = <T>(): Resource<T> => ({ status: 'idle', key: null, data: null, problem: null });

/** A store's field that holds a resource: read it, and replace it. */
export interface ResourceSlot<T> {
  get(): Resource<T>;
  set(resource: Resource<T>): void;
}

/**
 * Asks for the resource in `slot` under `key`: loading (keeping the data it had), then ready with
 * the answer or a problem (keeping the data only when it answered the same key). The answer is
 * dropped when the slot has meanwhile been asked again or reset. Answers the data, or null when
 * it failed or was dropped.
 */
export async function load<T>(slot: ResourceSlot<T>, fetch: () => Promise<T>, key: string | null = null): Promise<T | null> {
  const before = slot.get();
  const asked: Resource<T> = { ...before, status: 'loading', key, problem: null };
  slot.set(asked);
  try {
    const data = await fetch();
    if (slot.get() !== asked) return null;
    slot.set({ status: 'ready', key, data, problem: null });
    return data;
  } catch (err) {
    if (slot.get() === asked) slot.set({ status: 'problem', key, data: before.key === key ? before.data : null, problem: toProblem(err) });
    return null;
  }
}

/** The slot of field `name` of a zustand store (its `get` and `set`), which holds a resource. */
export function slotOf<S, N extends keyof S>(
  get: () => S,
  set: (partial: Partial<S>) => void,
  name: N,
): ResourceSlot<S[N] extends Resource<infer T> ? T : never> {
  return {
    get: () => get()[name] as Resource<never>,
    set: (resource) => set({ [name]: resource } as Partial<S>),
  };
}
