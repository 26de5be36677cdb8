import type { LayerSummary, UserView } from '@mpm/contracts';
import { LAYER_GROUPS, LAYERS, canEditLayers, type CollectionId, type LayerDef, type LayerGroup } from '@mpm/domain';
import type { AppMode } from './session-store.ts';

/** Catalogue entries of the layers the server lists for this caller, in drawing order (bottom first). */
export function availableLayers(layers: readonly LayerSummary[] | null): LayerDef[] {
  if (!layers) return [];
  const ids = new Set(layers.map((layer) => layer.id));
  return LAYERS.filter((def) => ids.has(def.id));
}

/** Whether a layer is drawn: the user's choice, else the catalogue default. */
export const isLayerOn = (def: LayerDef, choices: Partial<Record<CollectionId, boolean>>): boolean =>
  choices[def.id] ?? def.visibleByDefault;

/** Layers by group in `LAYER_GROUPS` order, leaving out empty groups. */
export function groupLayers(defs: readonly LayerDef[]): { group: LayerGroup; layers: LayerDef[] }[] {
  return LAYER_GROUPS.map((group) => ({ group, layers: defs.filter((def) => def.group === group) })).filter(
    (entry) => entry.layers.length > 0,
  );
}

/** Ids of layers the server marks as not published to the public (shown to staff with a tag). */
export function unpublishedIds(layers: readonly LayerSummary[] | null): Set<string> {
  return new Set((layers ?? []).filter((layer) => !layer.isPublic).map((layer) => layer.id));
}

/** Plan mode is for planners, reviewers (who read and decide proposals) and admins (the server checks too: `POST /api/check`). */
export const canPlan = (user: UserView | null): boolean => user?.role === 'planner' || user?.role === 'reviewer' || user?.role === 'admin';

/** Inspect mode is for inspectors and admins. */
export const canInspect = (user: UserView | null): boolean => user?.role === 'inspector' || user?.role === 'admin';

/** Data mode (import, edit, revisions, export of layers) is for data managers and admins (the server checks too: `POST /api/imports`). */
export const canManageData = (user: UserView | null): boolean => user !== null && canEditLayers(user.role);

/** 管理 mode (users and the other registers) is for admins (the server checks every call too). */
export const canAdminister = (user: UserView | null): boolean => user?.role === 'admin';

/** The modes a user may switch between, in the order the switch shows them. Visitors have only 公众. */
export function availableModes(user: UserView | null): AppMode[] {
  if (!user) return ['public'];
  const modes: AppMode[] = ['browse'];
  if (canPlan(user)) modes.push('plan');
  if (canInspect(user)) modes.push('inspect');
  modes.push('public');
  if (canManageData(user)) modes.push('data');
  if (canAdminister(user)) modes.push('admin');
  return modes;
}

/** The mode that shows: the one asked for if this user may use it, else the first one they may. */
export function activeMode(mode: AppMode, user: UserView | null): AppMode {
  const modes = availableModes(user);
  return modes.includes(mode) ? mode : modes[0];
}

/** Whether plan mode shows: asked for, and the signed-in user may plan. */
export const isPlanMode = (mode: AppMode, user: UserView | null): boolean => activeMode(mode, user) === 'plan';
