import type { UserView } from '@mpm/contracts';
import { isCollectionId, type CollectionId } from '@mpm/domain';
import type { AppMode } from './session-store.ts';

/** Where each role works: planners and reviewers (who decide proposals) plan, inspectors inspect, data managers keep the layers, admins administer. */
const HOME_MODES: Record<UserView['role'], AppMode> = {
  planner: 'plan',
  reviewer: 'plan',
  inspector: 'inspect',
  dataManager: 'data',
  admin: 'admin',
};

/**
 * The mode a user lands in after signing in: the one the URL named when the page opened, if it
 * named one, else the user's own work mode (visitors: 公众).
 */
export function landingMode(urlMode: AppMode | undefined, user: UserView | null): AppMode {
  if (urlMode) return urlMode;
  return user ? HOME_MODES[user.role] : 'public';
}

/** The local storage key of a user's layer choices; visitors who are not signed in share one. */
export const layerChoicesKey = (user: Pick<UserView, 'id'> | null): string =>
  `mpm.layers.${user ? `user-${user.id}` : 'anonymous'}`;

type LayerChoices = Partial<Record<CollectionId, boolean>>;

/** A user's remembered layer choices; anything unreadable (another version, a hand edit) is left out. */
export function readLayerChoices(storage: Pick<Storage, 'getItem'>, user: Pick<UserView, 'id'> | null): LayerChoices {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(layerChoicesKey(user)) ?? '{}');
  } catch {
    return {};
  }
  const choices: LayerChoices = {};
  if (typeof stored !== 'object' || stored === null) return choices;
  for (const [id, on] of Object.entries(stored)) if (isCollectionId(id) && typeof on === 'boolean') choices[id] = on;
  return choices;
}

/** Remembers a user's layer choices (a full or blocked storage only loses the memory). */
export function writeLayerChoices(storage: Pick<Storage, 'setItem'>, user: Pick<UserView, 'id'> | null, choices: LayerChoices): void {
  try {
    storage.setItem(layerChoicesKey(user), JSON.stringify(choices));
  } catch {
    // Private windows and full storage: the choices last for this visit only.
  }
}
