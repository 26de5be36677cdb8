import { describe, expect, it } from 'vitest';
import { tileAt, tileBounds } from '../src/plugins/app/tiles/tile-math.ts';

describe('tile addresses', () => {
  it('finds the tile holding a point: the middle of each tile falls in that tile', () => {
    for (const tile of [{ z: 0, x: 0, y: 0 }, { z: 10, x: 820, y: 403 }, { z: 13, x: 6563, y: 3230 }, { z: 16, x: 0, y: 65_535 }]) {
      const [w, s, e, n] = tileBounds(tile, 0);
      expect(tileAt((w + e) / 2, (s + n) / 2, tile.z)).toEqual(tile);
    }
    // The demo county's middle (Zhengning, 108.45° E 35.48° N) at zoom 10.
    expect(tileAt(108.45, 35.48, 10)).toEqual({ z: 10, x: 820, y: 403 });
    // Beyond the Web Mercator square: the edge tile.
    expect(tileAt(180, 89.9, 3)).toEqual({ z: 3, x: 7, y: 0 });
  });
});
