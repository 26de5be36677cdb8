import { describe, expect, it } from 'vitest';
import { formatUrlView, historyStep, layerDeviations, parseUrlView, type UrlView } from './url-view.ts';

describe('the view in the URL hash', () => {
  it('reads back what it writes', () => {
    const view: UrlView = {
      mode: 'public',
      year: 2021,
      layers: { concentrated_zones: false, eco_redline: true, townships: false },
      asOf: '2024-02-29',
      camera: { lon: 108.41234, lat: 35.49876, zoom: 11.5 },
    };
    const hash = formatUrlView(view);
    expect(hash).toBe('mode=public&year=2021&on=eco_redline&off=concentrated_zones,townships&asOf=2024-02-29&map=11.50/35.4988/108.4123');
    expect(parseUrlView(`#${hash}`)).toEqual({ ...view, camera: { lon: 108.4123, lat: 35.4988, zoom: 11.5 } });
  });

  it('writes coordinates only as finely as the zoom shows them', () => {
    expect(formatUrlView({ camera: { lon: 108.123456789, lat: 35.987654321, zoom: 3 } })).toBe('map=3.00/35.99/108.12');
    expect(formatUrlView({ camera: { lon: 108.123456789, lat: 35.987654321, zoom: 17 } })).toBe('map=17.00/35.987654/108.123457');
  });

  it('leaves out what it cannot read instead of guessing', () => {
    expect(parseUrlView('#mode=root&year=19&on=nonsense,rivers&map=12/95/108')).toEqual({ layers: { rivers: true } });
    expect(parseUrlView('#year=1800&map=a/b/c&off=')).toEqual({});
    expect(parseUrlView('#asOf=2023-02-29')).toEqual({});
    expect(parseUrlView('#asOf=yesterday')).toEqual({});
    expect(parseUrlView('')).toEqual({});
    expect(parseUrlView('#mode=admin')).toEqual({ mode: 'admin' });
    expect(parseUrlView('#map=12/35.5/108.4&year=2019')).toEqual({ year: 2019, camera: { lon: 108.4, lat: 35.5, zoom: 12 } });
  });

  it('shares only the layer choices that differ from the default, among the layers the caller has', () => {
    const defs = [
      { id: 'townships', visibleByDefault: true },
      { id: 'rivers', visibleByDefault: false },
      { id: 'roads', visibleByDefault: true },
    ] as const;
    expect(layerDeviations(defs, { townships: true, rivers: true, roads: false, eco_redline: true })).toEqual({
      rivers: true,
      roads: false,
    });
  });

  it('makes a change of mode a new history entry, and anything else a replacement of the current one', () => {
    expect(historyStep('mode=browse&map=11.00/35.50/108.40', 'mode=plan&map=11.00/35.50/108.40')).toBe('push');
    expect(historyStep('mode=plan&map=11.00/35.50/108.40', 'mode=plan&map=12.00/35.50/108.40&off=roads')).toBe('replace');
    // The first write after opening (the URL named no mode yet) stays where the visitor came in.
    expect(historyStep('', 'mode=public')).toBe('replace');
  });
});
