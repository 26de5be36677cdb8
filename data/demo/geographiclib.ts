import geographicLib from 'geographiclib-geodesic';

/** The part of geographiclib-geodesic's API used here. */
export interface GeographicLib {
  Geodesic: {
    Geodesic: new (a: number, f: number) => {
      Polygon(polyline: boolean): {
        AddPoint(lat: number, lon: number): void;
        Compute(reverse: boolean, sign: boolean): { number: number; perimeter: number; area?: number };
      };
    };
  };
}

/** geographiclib-geodesic (a dependency of `@mpm/demo`), typed for what the generator uses. */
export const loadGeographicLib = (): GeographicLib => geographicLib as unknown as GeographicLib;
