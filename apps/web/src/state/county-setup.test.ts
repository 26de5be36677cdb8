import { describe, expect, it } from 'vitest';
import type { ClientConfig, LayerSummary } from '@mpm/contracts';
import { GK_ZONES, setupState } from './county-setup.ts';

const config = (county: ClientConfig['county']): ClientConfig => ({ bounds: null, county, tiandituKey: null, minBlockAreaM2: 400, database: 'pglite' });
const layer = (id: string, featureCount: number) => ({ id, featureCount }) as LayerSummary;
const profile = { name: '正宁县', adminCode: '621025', gkZone: 36 };

describe('setupState', () => {
  it('is incomplete until the profile, the boundary and the townships are all in', () => {
    expect(setupState(config(null), []).complete).toBe(false);
    expect(setupState(config(profile), [layer('county', 1)]).complete).toBe(false);
    expect(setupState(config(null), [layer('county', 1), layer('townships', 9)]).complete).toBe(false);
    const done = setupState(config(profile), [layer('county', 1), layer('townships', 9), layer('farmland', 0)]);
    expect(done.complete).toBe(true);
    expect(done.base).toEqual([
      { id: 'county', featureCount: 1 },
      { id: 'townships', featureCount: 9 },
    ]);
    expect(done.others.find((l) => l.id === 'farmland')).toEqual({ id: 'farmland', featureCount: 0 });
    expect(done.others.some((l) => l.id === 'county' || l.id === 'townships')).toBe(false);
  });

  it('offers the 3° zones covering China, 25 (75° E) to 45 (135° E)', () => {
    expect(GK_ZONES[0]).toEqual({ zone: 25, meridianDeg: 75 });
    expect(GK_ZONES.at(-1)).toEqual({ zone: 45, meridianDeg: 135 });
    expect(GK_ZONES.find((z) => z.zone === 36)?.meridianDeg).toBe(108);
  });
});
