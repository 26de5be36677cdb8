import { describe, expect, it } from 'vitest';
import type { UserView } from '@mpm/contracts';
import { landingMode, layerChoicesKey, readLayerChoices, writeLayerChoices } from './work-memory.ts';

const user = (id: number, role: UserView['role']): UserView => ({
  id,
  username: `u${id}`,
  displayName: `User ${id}`,
  role,
  mustChangePassword: false,
});

/** A `localStorage` in memory. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('where a user lands after signing in', () => {
  it('lands each role in its own work mode', () => {
    expect(landingMode(undefined, user(1, 'planner'))).toBe('plan');
    expect(landingMode(undefined, user(2, 'reviewer'))).toBe('plan');
    expect(landingMode(undefined, user(3, 'inspector'))).toBe('inspect');
    expect(landingMode(undefined, user(4, 'admin'))).toBe('admin');
    expect(landingMode(undefined, null)).toBe('public');
  });

  it('keeps the mode the URL named', () => {
    expect(landingMode('browse', user(1, 'planner'))).toBe('browse');
    expect(landingMode('data', user(4, 'admin'))).toBe('data');
  });
});

describe('layer choices remembered per user', () => {
  it('keeps each user’s choices apart from the others’ and from visitors’', () => {
    const storage = memoryStorage();
    writeLayerChoices(storage, user(1, 'planner'), { townships: false, rivers: true });
    writeLayerChoices(storage, null, { roads: false });
    expect(readLayerChoices(storage, user(1, 'planner'))).toEqual({ townships: false, rivers: true });
    expect(readLayerChoices(storage, user(2, 'planner'))).toEqual({});
    expect(readLayerChoices(storage, null)).toEqual({ roads: false });
    expect(layerChoicesKey(user(1, 'planner'))).not.toBe(layerChoicesKey(null));
  });

  it('leaves out what it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem(layerChoicesKey(null), '{"rivers":"yes","nonsense":true,"roads":false}');
    expect(readLayerChoices(storage, null)).toEqual({ roads: false });
    storage.setItem(layerChoicesKey(null), 'not json');
    expect(readLayerChoices(storage, null)).toEqual({});
    storage.setItem(layerChoicesKey(null), 'null');
    expect(readLayerChoices(storage, null)).toEqual({});
  });
});
