import { createRandom } from '@mpm/demo';
import type { CollectionId } from '@mpm/domain';

/** One XYZ tile of one layer. */
export interface Tile {
  layer: CollectionId;
  z: number;
  x: number;
  y: number;
}

/** The XYZ tiles at z10–13 over a lon/lat box, for each layer, in a seeded random order. */
export function tilesOver([west, south, east, north]: number[], layers: readonly CollectionId[], seed = 20_251_313): Tile[] {
  const tileX = (lon: number, n: number) => Math.floor(((lon + 180) / 360) * n);
  const tileY = (lat: number, n: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n);
  };
  const tiles: Tile[] = [];
  for (let z = 10; z <= 13; z++) {
    const n = 2 ** z;
    for (let x = tileX(west, n); x <= tileX(east, n); x++) {
      for (let y = tileY(north, n); y <= tileY(south, n); y++) for (const layer of layers) tiles.push({ layer, z, x, y });
    }
  }
  const random = createRandom(seed);
  for (let i = tiles.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [tiles[i], tiles[j]] = [tiles[j], tiles[i]];
  }
  return tiles;
}

/** The tile's path on the server. */
export const urlOf = ({ layer, z, x, y }: Tile) => `/tiles/${layer}/${z}/${x}/${y}.mvt`;

/** Asks for every path once, 8 at a time: the cache is warm after. */
export async function warm(origin: string, paths: string[], headers: Record<string, string>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < paths.length) await (await fetch(`${origin}${paths[next++]}`, { headers })).arrayBuffer();
    }),
  );
}
