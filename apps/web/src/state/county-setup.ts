import type { ClientConfig, LayerSummary } from '@mpm/contracts';
import { COLLECTION_IDS, type CollectionId } from '@mpm/domain';
import { ZONE_RANGE, centralMeridian } from '@mpm/geo';

/** The layers a county is set up from first, in order: its boundary, then its townships. */
export const SETUP_BASE_LAYERS = ['county', 'townships'] as const satisfies readonly CollectionId[];

/** One layer of the set-up, with how many features it holds now. */
export interface SetupLayer {
  id: CollectionId;
  featureCount: number;
}

/** Where a county's set-up stands (县域设置): its profile, its boundary and townships, then every other layer. */
export interface SetupState {
  profile: ClientConfig['county'];
  base: SetupLayer[];
  others: SetupLayer[];
  /** The profile is known and the boundary and townships are in: the product works on the county. */
  complete: boolean;
}

/**
 * Where the set-up stands, from what the server said: the county's profile and each layer's
 * feature count (a layer the caller does not see counts as empty).
 */
export function setupState(config: ClientConfig | null, layers: readonly LayerSummary[] | null): SetupState {
  const count = new Map((layers ?? []).map((l) => [l.id, l.featureCount]));
  const entry = (id: CollectionId): SetupLayer => ({ id, featureCount: count.get(id) ?? 0 });
  const base = SETUP_BASE_LAYERS.map(entry);
  const others = COLLECTION_IDS.filter((id) => !(SETUP_BASE_LAYERS as readonly string[]).includes(id)).map(entry);
  const profile = config?.county ?? null;
  return { profile, base, others, complete: profile !== null && base.every((l) => l.featureCount > 0) };
}

/** The 3° Gauss–Krüger zones that cover China, with their central meridians (3 × zone). */
export const GK_ZONES: readonly { zone: number; meridianDeg: number }[] = Array.from(
  { length: ZONE_RANGE[3][1] - ZONE_RANGE[3][0] + 1 },
  (_, i) => ({ zone: ZONE_RANGE[3][0] + i, meridianDeg: centralMeridian({ widthDeg: 3, zone: ZONE_RANGE[3][0] + i }) }),
);
