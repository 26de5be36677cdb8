import { boxesMeet } from '@mpm/geo';
import type { BlockGeometry } from '../engine.ts';
import type { AreaGeometry, Bbox, IndexedFeature } from './layer-index.ts';
import { inRings, ringsOf, segmentsMeet } from './planar.ts';
import type { Attempt, Overlap } from './relate.ts';

/** Turf's clipping of the current block with one feature (null: no shared area). */
export type Clip = (item: IndexedFeature, run: () => Attempt<Overlap | null>) => Attempt<Overlap | null>;

type Position = GeoJSON.Position;
interface Edge {
  p: Position;
  q: Position;
  box: Bbox;
}

/** More changed edges than this: a new block rather than an edit; everything is clipped again. */
const MAX_CHANGED_EDGES = 16;

/** Every edge of the rings as an undirected key: the edge set alone fixes a valid polygon. */
function edgesOf(rings: readonly Position[][]): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [p, q] = ring[i - 1][0] < ring[i][0] || (ring[i - 1][0] === ring[i][0] && ring[i - 1][1] <= ring[i][1]) ? [ring[i - 1], ring[i]] : [ring[i], ring[i - 1]];
      edges.set(`${p[0]},${p[1]},${q[0]},${q[1]}`, { p, q, box: [p[0], Math.min(p[1], q[1]), q[0], Math.max(p[1], q[1])] });
    }
  }
  return edges;
}

/** The edges in one set and not the other: the boundary of the region that changed sides. */
function changedEdges(before: Map<string, Edge>, after: Map<string, Edge>): Edge[] {
  const changed: Edge[] = [];
  for (const [key, edge] of before) if (!after.has(key)) changed.push(edge);
  for (const [key, edge] of after) if (!before.has(key)) changed.push(edge);
  return changed;
}

const firstVertices = (geometry: AreaGeometry): Position[] =>
  geometry.type === 'Polygon' ? [geometry.coordinates[0][0]] : geometry.coordinates.map((polygon) => polygon[0][0]);

/**
 * Whether `feature` misses the region between the old and the new block: no changed edge meets
 * it, and its parts lie on the same side of both blocks. Then block ∩ feature did not change.
 */
function untouched(feature: IndexedFeature, changed: readonly Edge[], before: readonly Position[][], after: readonly Position[][]): boolean {
  const geometry = feature.feature.geometry as AreaGeometry;
  const rings = ringsOf(geometry);
  for (const { p, q, box } of changed) {
    if (!boxesMeet(box, feature.bbox)) continue;
    if (inRings(p, rings)) return false;
    for (const ring of rings) for (let i = 1; i < ring.length; i++) if (segmentsMeet(p, q, ring[i - 1], ring[i])) return false;
  }
  return firstVertices(geometry).every((vertex) => inRings(vertex, before) === inRings(vertex, after));
}

/**
 * Remembers Turf's clipping results of the previous check, for the live check while a vertex is
 * dragged: block ∩ feature cannot change when the feature misses the region between the old and
 * the new outline, so only the features the moved edges sweep over are clipped again. Answers
 * are those of a fresh clipping to rounding (a kept part was cut to the previous block's box);
 * only the time differs. The block's coordinates are copied, never kept.
 */
export function createClipMemo(): { begin(block: BlockGeometry): Clip } {
  let previousRings: Position[][] = [];
  let previousEdges = new Map<string, Edge>();
  let previous = new Map<IndexedFeature, Attempt<Overlap | null>>();
  return {
    begin(block) {
      const rings = ringsOf(block).map((ring) => ring.map(([lon, lat]) => [lon, lat]));
      const edges = edgesOf(rings);
      const changed = changedEdges(previousEdges, edges);
      const [before, reusable, current] = [previousRings, previous, new Map<IndexedFeature, Attempt<Overlap | null>>()];
      [previousRings, previousEdges, previous] = [rings, edges, current];
      const canReuse = changed.length <= MAX_CHANGED_EDGES;
      return (item, run) => {
        const kept = canReuse ? reusable.get(item) : undefined;
        const result = kept && untouched(item, changed, before, rings) ? kept : run();
        current.set(item, result);
        return result;
      };
    },
  };
}
