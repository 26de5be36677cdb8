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

/** What PostgreSQL cannot take in a value: U+0000 in text, a UTF-16 surrogate without its pair (no UTF-8 for it), a number not finite. */
type Unstorable = 'nul' | 'loneSurrogate' | 'notFinite';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const textProblem = (text: string): Unstorable | undefined =>
  text.includes('\u0000') ? 'nul' : LONE_SURROGATE.test(text) ? 'loneSurrogate' : undefined;

/** A key as a step of a JSON pointer. */
const step = (key: string) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;

/**
 * Where in `value` a string (or a key) or a number is {@link Unstorable}, as a JSON pointer and
 * which; or undefined. The pointer is written only for a problem found (a block's thousands of
 * coordinates are walked at every check).
 */
function problemAt(value: unknown): { at: string; problem: Unstorable } | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem && { at: '', problem };
  }
  // 1e309 reads as Infinity, in JSON and when Ajv coerces a query string, and Ajv lets it past a maximum.
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { at: '', problem: 'notFinite' };
  if (!value || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = problemAt(value[i]);
      if (found !== undefined) return { at: `/${i}${found.at}`, problem: found.problem };
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const inKey = textProblem(key);
    if (inKey) return { at: step(key), problem: inKey };
    const found = problemAt(child);
    if (found !== undefined) return { at: `${step(key)}${found.at}`, problem: found.problem };
  }
  return undefined;
}

/** Each problem's code and words, given where. */
const UNSTORABLE: Record<Unstorable, { code: string; words: (where: { zh: string; en: string }) => { zh: string; en: string } }> = {
  notFinite: { code: 'numberNotFinite', words: (where) => ({ zh: `${where.zh} 须为有限的数。`, en: `${where.en} must be a finite number.` }) },
  nul: {
    code: 'nulCharacter',
    words: (where) => ({ zh: `${where.zh} 含有空字符（U+0000），无法保存。`, en: `${where.en} contains a NUL character (U+0000), which cannot be stored.` }),
  },
  loneSurrogate: {
    code: 'loneSurrogate',
    words: (where) => ({
      zh: `${where.zh} 含有无效的 Unicode 字符（不成对的代理项），无法保存。`,
      en: `${where.en} contains an invalid Unicode character (an unpaired surrogate), which cannot be stored.`,
    }),
  },
};

/**
 * What PostgreSQL cannot take, refused as the request's own mistake before any route runs: an
 * integer beyond its `integer` and a date in year 0 (the route schemas get its bounds, so Ajv
 * names the field), text holding U+0000 (400 nulCharacter) or an unpaired surrogate (400
 * loneSurrogate) and a number that is not finite (400 numberNotFinite), each naming where.
 */
export function refuseWhatTheDatabaseCannotHold(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    for (const part of ['body', 'querystring', 'params']) boundIntegers(schema?.[part]);
  });
  // After validation, so that the numbers Ajv coerced from the query are seen as numbers.
  app.addHook('preHandler', async (request) => {
    for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as [RequestPart, unknown][]) {
      const found = problemAt(value);
      if (found === undefined) continue;
      const { code, words } = UNSTORABLE[found.problem];
      throw new UserError(400, code, words(subject(part, found.at)));
    }
  });
}
