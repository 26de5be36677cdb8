import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { expect } from 'vitest';
import { metresPerDegree } from '@mpm/geo';
import { REPO_ROOT } from '../../src/config.ts';
import type { TestApp } from './test-app.ts';

/** A test account's password: long enough and without its user name (the name reversed). */
export const staffPassword = (username: string): string => `${[...username].reverse().join('')}-secret`;

/** Display names of the staff accounts {@link signInStaff} makes. */
export const STAFF = {
  inspector1: { displayName: '巡查员甲', role: 'inspector' },
  inspector2: { displayName: '巡查员乙', role: 'inspector' },
  planner1: { displayName: '规划员丙', role: 'planner' },
} as const;

/** Signs in `admin` and creates and signs in the {@link STAFF} accounts; returns each one's cookie. */
export async function signInStaff(t: TestApp): Promise<Record<'admin' | keyof typeof STAFF, string>> {
  const admin = await t.login();
  const cookies: Record<string, string> = { admin };
  for (const [username, { displayName, role }] of Object.entries(STAFF)) {
    const password = staffPassword(username);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username, displayName, role, password },
    });
    expect(created.statusCode, created.body).toBe(201);
    cookies[username] = await t.login(username, password);
  }
  return cookies as Record<'admin' | keyof typeof STAFF, string>;
}

/** The demo county's townships (EPSG:4490), each with a point well inside it. */
export function demoTownships(): { code: string; name: string; inside: [number, number]; feature: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> }[] {
  const collection = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'demo', 'townships.geojson'), 'utf8')) as GeoJSON.FeatureCollection<
    GeoJSON.Polygon | GeoJSON.MultiPolygon
  >;
  return collection.features.map((feature) => ({
    code: String(feature.properties!.adminCode),
    name: String(feature.properties!.name),
    inside: turf.pointOnFeature(feature).geometry.coordinates as [number, number],
    feature,
  }));
}

/** A closed counter-clockwise square of half-side `halfM` metres around `[lon, lat]`. */
export function square([lon, lat]: readonly number[], halfM: number): GeoJSON.Polygon {
  const { x, y } = metresPerDegree(lat);
  const [dLon, dLat] = [halfM / x, halfM / y];
  const [w, s, e, n] = [lon - dLon, lat - dLat, lon + dLon, lat + dLat].map((v) => Number(v.toFixed(7)));
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}
