import type { FastifyInstance, RouteOptions } from 'fastify';
import { UserError } from './errors.ts';
import { subject, type RequestPart } from './schema-errors.ts';

/** PostgreSQL's `integer`: the widest whole number a request may carry into a column or a key. */
const INT4 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };

interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  [key: string]: unknown;
}

/**
 * Gives every integer in `schema` without its own bounds PostgreSQL's, and every date the year
 * PostgreSQL starts at, so that the schema names the field a value out of its range is in.
 */
function boundIntegers(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach(boundIntegers);
  const s = schema as JsonSchema;
  // PostgreSQL has no year 0: a date or instant of it is refused by the schema, naming the field.
  if (s.type === 'string' && (s.format === 'date' || s.format === 'date-time') && s.pattern === undefined) s.pattern = '^(?!0000)';
  if (s.type === 'integer') {
    if (s.maximum === undefined && s.exclusiveMaximum === undefined) s.maximum = INT4.maximum;
    if (s.minimum === undefined && s.exclusiveMinimum === undefined) s.minimum = INT4.minimum;
  }
  for (const key of ['properties', 'patternProperties', 'items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties']) {
    const child = s[key];
    if (key.endsWith('roperties') && child && typeof child === 'object' && !Array.isArray(child)) Object.values(child).forEach(boundIntegers);
    else boundIntegers(child);
  }
}

/** Where in `value` a string (or a key) holds U+0000, or a number is not finite, as a JSON pointer and which; or undefined. */
function problemAt(value: unknown, pointer = ''): { at: string; nul: boolean } | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { at: pointer, nul: true } : undefined;
  // 1e309 reads as Infinity, in JSON and when Ajv coerces a query string, and Ajv lets it past a maximum.
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { at: pointer, nul: false };
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (key.includes('\u0000')) return { at, nul: true };
    const found = problemAt(child, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * What PostgreSQL cannot take, refused as the request's own mistake before any route runs: an
 * integer beyond its `integer` and a date in year 0 (the route schemas get its bounds, so Ajv
 * names the field), text holding U+0000 (400 nulCharacter) and a number that is not finite (400
 * numberNotFinite), each naming where.
 */
export function refuseWhatTheDatabaseCannotHold(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    for (const part of ['body', 'querystring', 'params']) boundIntegers(schema?.[part]);
  });
  // After validation, so that the numbers Ajv coerced from the query are seen as numbers.
  app.addHook('preHandler', async (request) => {
    for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as [RequestPart, unknown][]) {
      const problem = problemAt(value);
      if (problem === undefined) continue;
      const where = subject(part, problem.at);
      if (!problem.nul) {
        throw new UserError(400, 'numberNotFinite', { zh: `${where.zh} 须为有限的数。`, en: `${where.en} must be a finite number.` });
      }
      throw new UserError(400, 'nulCharacter', {
        zh: `${where.zh} 含有空字符（U+0000），无法保存。`,
        en: `${where.en} contains a NUL character (U+0000), which cannot be stored.`,
      });
    }
  });
}
