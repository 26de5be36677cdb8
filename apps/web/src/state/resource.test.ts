import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import { idle, isNetworkProblem, load, toProblem, type Resource, type ResourceSlot } from './resource.ts';

/** A slot over a plain variable, as a zustand store keeps it (the same object until replaced). */
function slot<T>(): ResourceSlot<T> & { value: Resource<T> } {
  const holder = {
    value: idle<T>(),
    get: () => holder.value,
    set: (resource: Resource<T>) => {
      holder.value = resource;
    },
  };
  return holder;
}

/** A promise settled from outside, to answer requests in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('load', () => {
  it('is loading while the request runs, keeping what it had, then ready', async () => {
    const s = slot<number>();
    s.set({ status: 'ready', key: '2020', data: 1, problem: null });
    const answer = deferred<number>();
    const done = load(s, () => answer.promise, '2021');
    expect(s.value).toEqual({ status: 'loading', key: '2021', data: 1, problem: null });
    answer.resolve(2);
    expect(await done).toBe(2);
    expect(s.value).toEqual({ status: 'ready', key: '2021', data: 2, problem: null });
  });

  it('drops an answer to an earlier request, even one for the same key that comes last', async () => {
    const s = slot<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    const one = load(s, () => first.promise, 'a');
    const two = load(s, () => second.promise, 'a');
    second.resolve('B');
    await two;
    first.resolve('A');
    expect(await one).toBeNull();
    expect(s.value).toMatchObject({ status: 'ready', key: 'a', data: 'B' });
  });

  it('drops an answer that arrives after the slot was reset', async () => {
    const s = slot<string>();
    const answer = deferred<string>();
    const done = load(s, () => answer.promise);
    s.set(idle());
    answer.resolve('late');
    expect(await done).toBeNull();
    expect(s.value).toEqual(idle());
  });

  it('keeps the data on a failure only when it answered the same key', async () => {
    const s = slot<number>();
    s.set({ status: 'ready', key: 'x', data: 1, problem: null });
    await load(s, () => Promise.reject(new ApiError(500, 'boom', 'Server fault')), 'x');
    expect(s.value).toEqual({ status: 'problem', key: 'x', data: 1, problem: { code: 'boom', message: 'Server fault' } });
    await load(s, () => Promise.reject(new ApiError(0, NETWORK_ERROR, 'offline')), 'y');
    expect(s.value).toMatchObject({ status: 'problem', key: 'y', data: null });
    expect(isNetworkProblem(s.value.problem!)).toBe(true);
  });
});

describe('toProblem', () => {
  it('keeps the server’s code and message, and words anything else as unexpected', () => {
    expect(toProblem(new ApiError(409, 'versionConflict', 'Saved by Li meanwhile'))).toEqual({
      code: 'versionConflict',
      message: 'Saved by Li meanwhile',
    });
    expect(toProblem(new TypeError('bad'))).toEqual({ code: 'unexpected', message: 'bad' });
    expect(toProblem('text')).toEqual({ code: 'unexpected', message: 'text' });
  });
});
