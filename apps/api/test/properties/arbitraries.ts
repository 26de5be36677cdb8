import fc from 'fast-check';

/** A JSON schema as TypeBox writes it (the subset the routes use). */
export interface Schema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  description?: string;
}

/** Around the demo county (EPSG:4490 lon/lat), where geometry reaches the layers. */
const COUNTY: [number, number] = [108.36, 35.5];

/** Values that often break code behind a schema: NUL, huge, negative, impossible dates, markup. */
const NASTY_STRINGS = ['', ' ', '\u0000', 'a\u0000b', '\uD800', 'x'.repeat(300), '2021-02-30', '0000-00-00', '0000-01-01', '-1', '1e309', '-1e309', 'NaN', '<b>x</b>', "'; --", '../..', '%zz', '矿'.repeat(70)];
const NASTY_NUMBERS = [0, -1, 1, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e308, -1e308, 1e-308];

/** Any JSON value, weighted towards the nasty ones. */
export const junkJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...NASTY_STRINGS, ...NASTY_NUMBERS, null, true, false, [], {}, [[]], { type: 'Point' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const coordinate = fc.tuple(fc.double({ min: -0.05, max: 0.05, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true })).map(([dx, dy]) => [
  Number((COUNTY[0] + dx).toFixed(7)),
  Number((COUNTY[1] + dy).toFixed(7)),
]);

/** GeoJSON near the county: good polygons and points, and the usual ways of getting them wrong. */
export const geometry: fc.Arbitrary<unknown> = fc.oneof(
  coordinate.map((c) => ({ type: 'Point', coordinates: c })),
  fc.tuple(coordinate, fc.double({ min: 1e-6, max: 0.02, noNaN: true })).map(([[x, y], h]) => ({
    type: 'Polygon',
    coordinates: [[[x, y], [x + h, y], [x + h, y + h], [x, y + h], [x, y]]],
  })),
  fc.array(coordinate, { minLength: 0, maxLength: 6 }).map((ring) => ({ type: 'Polygon', coordinates: [ring] })),
  fc.array(coordinate, { minLength: 3, maxLength: 6 }).map((ring) => ({ type: 'Polygon', coordinates: [[...ring, ring[0]]] })),
  fc.array(coordinate, { minLength: 3, maxLength: 5 }).map((ring) => ({ type: 'MultiPolygon', coordinates: [[[...ring, ring[0]]]] })),
  fc.constantFrom<unknown>(
    { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] },
    { type: 'Polygon', coordinates: [[[200, 95], [201, 95], [201, 96], [200, 95]]] },
    { type: 'Polygon', coordinates: [] },
    { type: 'Polygon', coordinates: [[]] },
    { type: 'Polygon', coordinates: [[[108.36, 35.5], [108.37, 35.5], [108.37, 35.51], [108.36, 35.5]]], bbox: 'x' },
    { type: 'MultiPolygon', coordinates: [[]] },
    { type: 'LineString', coordinates: [[108.36, 35.5], [108.37, 35.51]] },
    { type: 'GeometryCollection', geometries: [] },
    { type: 'Point', coordinates: [1e308, -1e308] },
    { type: 'Point', coordinates: ['108', '35'] },
    { type: 'Point', coordinates: [108.36] },
    { type: 'Point' },
  ),
  junkJson,
);

const isoDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const isoDateTime = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString());

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'date-time') return isoDateTime;
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.string({ minLength, maxLength: Math.min(maxLength, 12), unit: 'binary' }),
    fc.constantFrom(...NASTY_STRINGS).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity)),
  );
}

function numberArbitrary(schema: Schema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1e-9 : undefined);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1e-9 : undefined);
  const inRange = (n: number) => (min === undefined || n >= min) && (max === undefined || n <= max);
  const edges = fc.constantFrom(...NASTY_NUMBERS, ...[min, max].filter((n): n is number => n !== undefined)).filter(inRange);
  if (schema.type === 'integer') {
    const lo = Math.ceil(min ?? -1_000_000);
    const hi = Math.floor(max ?? 1_000_000);
    return fc.oneof(fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) }), fc.integer({ min: Math.max(lo, 0), max: Math.max(Math.min(hi, 5), Math.max(lo, 0)) }), edges.map(Math.trunc).filter(inRange));
  }
  return fc.oneof(fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true }), edges);
}

/** Values the schema accepts (geometry, which the schema leaves open, near the county or broken). */
export function valid(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(s, depth)));
  if (schema.description?.includes('GeoJSON')) return geometry;
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(depth > 4 ? fc.constant(null) : valid(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case 'object': {
      if (schema.patternProperties) {
        const [, value] = Object.entries(schema.patternProperties)[0];
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), valid(value, depth + 1), { maxKeys: 4 });
      }
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, valid(s, depth + 1)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    default:
      return junkJson;
  }
}

type Json = unknown;

/** Every path into `value` (objects and arrays), the root `[]` first. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function edit(value: Json, path: (string | number)[], change: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = structuredClone(value) as Record<string | number, Json>;
  if (path.length === 0) return value;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  change(parent, path[path.length - 1]);
  return copy;
}

/** A value of `schema` with one thing wrong: a part replaced by junk, removed, or an unknown field added. */
export function nearValid(schema: Schema): fc.Arbitrary<unknown> {
  return fc.tuple(valid(schema), fc.nat(), fc.constantFrom('replace', 'remove', 'add'), junkJson, fc.string({ minLength: 1, maxLength: 8 })).map(
    ([value, pick, how, junk, name]) => {
      const all = paths(value);
      const path = all[pick % all.length];
      if (how === 'add') {
        const objects = all.filter((p) => {
          const target = p.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], value);
          return target && typeof target === 'object' && !Array.isArray(target);
        });
        if (!objects.length) return junk;
        const at = objects[pick % objects.length];
        return at.length === 0 ? { ...(value as object), [name]: junk } : edit(value, at, (parent, key) => ((parent[key] as Record<string, Json>)[name] = junk));
      }
      if (path.length === 0) return junk;
      return edit(value, path, (parent, key) => {
        if (how === 'replace') parent[key] = junk;
        else if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      });
    },
  );
}

/** A request body for `schema`: mostly accepted by the schema or one thing off, some plain junk. */
export function body(schema: Schema): fc.Arbitrary<{ raw?: string; json?: unknown }> {
  return fc.oneof(
    { weight: 4, arbitrary: valid(schema).map((json) => ({ json })) },
    { weight: 4, arbitrary: nearValid(schema).map((json) => ({ json })) },
    { weight: 1, arbitrary: junkJson.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('{', '{"a":', '[1,', 'null', '"x"', '')).map((raw) => ({ raw })) },
  );
}

/** As a query string parameter: what `valid` gives, written out, or a nasty string. */
const asParameter = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Percent-encoded, a lone surrogate as U+FFFD (it has no UTF-8). */
const encode = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, (c, i: number) => (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(s.slice(i - 1, i + 1)) || /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(s.slice(i, i + 2)) ? c : '\uFFFD')));

/** A query string for `schema` (its parameters valid, one off, repeated, unknown, or junk), with the leading `?` when not empty. */
export function queryString(schema: Schema | undefined): fc.Arbitrary<string> {
  const properties = schema?.properties ?? {};
  const names = Object.keys(properties);
  const value = (name: string) => fc.oneof(valid(properties[name]).map(asParameter), junkJson.map(asParameter), fc.constantFrom(...NASTY_STRINGS));
  const pair = names.length
    ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names).chain((n) => value(n).map((v) => [n, v] as const)) }, { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 })) })
    : fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 6 }));
  return fc.array(pair, { maxLength: 5 }).map((pairs) => {
    const query = pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    return query ? `?${query}` : '';
  });
}

/** A path parameter: one of `known` (ids that exist) mostly, else a nasty one. */
export const pathParameter = (known: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1.5', 'abc', '99999999999', '2147483648', '%20', 'null', encodeURIComponent('矿'), 'x'.repeat(120)) },
  );
