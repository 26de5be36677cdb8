import { describe, expect, it } from 'vitest';
import { LAYERS } from '@mpm/domain';
import { snapLayers } from './neighbours.ts';

describe('the other layers a corner snaps to (issue #11: snapping to neighbouring boundaries)', () => {
  it('takes every polygon layer drawn on the map whose boundaries are kept here, the rights included, but not the open layer', () => {
    const layers = snapLayers('farmland', LAYERS, { eco_redline: true, mining_rights: true, exploration_rights: false, mining_zoning: true });
    expect(layers).toContain('eco_redline');
    expect(layers).toContain('mining_rights');
    expect(layers).toContain('mining_zoning');
    expect(layers).not.toContain('farmland');
    expect(layers).not.toContain('exploration_rights');
  });

  it('leaves out layers switched off, line layers and layers whose features are not boundaries kept here', () => {
    const layers = snapLayers('eco_redline', LAYERS, { farmland: false, roads: true, restoration_parcels: true, change_patches: true, county: true });
    expect(layers).not.toContain('farmland');
    expect(layers).not.toContain('roads');
    expect(layers).not.toContain('change_patches');
    expect(layers).not.toContain('restoration_parcels');
    expect(layers).not.toContain('county');
  });
});
