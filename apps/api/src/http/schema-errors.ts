import type { FastifySchemaValidationError } from 'fastify';
import type { Bilingual } from '@mpm/domain';

/** Where in the request a schema found the problem (Fastify's `validationContext`). */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** What a part of the request is called, and what one of its members is called. */
const PARTS: Record<RequestPart, { whole: Bilingual; member: Bilingual }> = {
  body: { whole: { zh: '请求内容', en: 'The request body' }, member: { zh: '字段', en: 'Field' } },
  querystring: { whole: { zh: '查询参数', en: 'The query' }, member: { zh: '查询参数', en: 'Query parameter' } },
  params: { whole: { zh: '路径参数', en: 'The path' }, member: { zh: '路径参数', en: 'Path parameter' } },
  headers: { whole: { zh: '请求头', en: 'The headers' }, member: { zh: '请求头', en: 'Header' } },
};

const TYPES: Record<string, Bilingual> = {
  string: { zh: '文本', en: 'a string' },
  integer: { zh: '整数', en: 'an integer' },
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '数组', en: 'an array' },
  null: { zh: 'null', en: 'null' },
};

const FORMATS: Record<string, Bilingual> = {
  date: { zh: '日期（YYYY-MM-DD）', en: 'date (YYYY-MM-DD)' },
  'date-time': { zh: '日期时间（ISO 8601）', en: 'date-time (ISO 8601)' },
  time: { zh: '时间（HH:MM:SS）', en: 'time (HH:MM:SS)' },
  email: { zh: '电子邮箱地址', en: 'email address' },
  uri: { zh: '网址', en: 'URI' },
  uuid: { zh: 'UUID', en: 'UUID' },
};

const COMPARISONS: Record<string, Bilingual> = {
  maximum: { zh: '不大于', en: 'at most' },
  minimum: { zh: '不小于', en: 'at least' },
  exclusiveMaximum: { zh: '小于', en: 'less than' },
  exclusiveMinimum: { zh: '大于', en: 'greater than' },
};

/** A member's name as a person reads it: `geometry.coordinates[0]` for `/geometry/coordinates/0`. */
function memberName(instancePath: string, child?: string): string {
  const steps = instancePath.split('/').slice(1).map((step) => step.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (child !== undefined) steps.push(child);
  return steps.map((step, i) => (/^\d+$/.test(step) ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** "字段 password" / "Field password", or the part itself when the problem is at its root. */
export function subject(part: RequestPart, instancePath: string, child?: string): Bilingual {
  const name = memberName(instancePath, child);
  const { whole, member } = PARTS[part];
  return name === '' ? whole : { zh: `${member.zh} ${name}`, en: `${member.en} ${name}` };
}

const listed = (values: unknown[], separator: string) => {
  const shown = values.slice(0, 20).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  return shown.join(separator) + (values.length > shown.length ? `${separator}…` : '');
};

const oneOf = (values: unknown[]): Bilingual => ({ zh: `须为以下之一：${listed(values, '、')}`, en: `must be one of: ${listed(values, ', ')}` });

function ofTypes(types: string[]): Bilingual {
  const names = types.map((type) => TYPES[type] ?? { zh: type, en: type });
  return { zh: `须为${names.map((n) => n.zh).join('或')}`, en: `must be ${names.map((n) => n.en).join(' or ')}` };
}

const typesOf = (error: FastifySchemaValidationError): string[] => String(error.params.type).split(',');

/** What is wrong with the member, as the rest of a sentence whose subject is the member. */
function predicate(error: FastifySchemaValidationError): Bilingual {
  const { keyword, params } = error;
  const limit = Number(params.limit);
  switch (keyword) {
    case 'type':
      return ofTypes(typesOf(error));
    case 'maxLength':
      return { zh: `超过 ${limit} 个字符`, en: `has more than ${limit} characters` };
    case 'minLength':
      return limit <= 1 ? { zh: '不能为空', en: 'must not be empty' } : { zh: `少于 ${limit} 个字符`, en: `has fewer than ${limit} characters` };
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return { zh: `须${COMPARISONS[keyword].zh} ${limit}`, en: `must be ${COMPARISONS[keyword].en} ${limit}` };
    case 'maxItems':
      return { zh: `超过 ${limit} 项`, en: `has more than ${limit} items` };
    case 'minItems':
      return { zh: `少于 ${limit} 项`, en: `has fewer than ${limit} items` };
    case 'maxProperties':
      return { zh: `超过 ${limit} 个字段`, en: `has more than ${limit} fields` };
    case 'minProperties':
      return { zh: `少于 ${limit} 个字段`, en: `has fewer than ${limit} fields` };
    case 'enum':
      return oneOf(params.allowedValues as unknown[]);
    case 'const':
      return oneOf([params.allowedValue]);
    case 'format': {
      const format = FORMATS[String(params.format)] ?? { zh: String(params.format), en: String(params.format) };
      return { zh: `不是有效的${format.zh}`, en: `is not a valid ${format.en}` };
    }
    case 'pattern':
      // The bound http/database-limits.ts gives dates: there is no year 0.
      if (params.pattern === '^(?!0000)') return { zh: '不在可用的年份内（没有公元 0 年）', en: 'is not in a year that exists (there is no year 0)' };
      return { zh: `格式不符（须匹配 ${params.pattern}）`, en: `does not have the expected form (${params.pattern})` };
    case 'multipleOf':
      return { zh: `须为 ${params.multipleOf} 的倍数`, en: `must be a multiple of ${params.multipleOf}` };
    case 'uniqueItems':
      return { zh: `有重复项（第 ${Number(params.j) + 1} 项与第 ${Number(params.i) + 1} 项）`, en: `has duplicate items (${params.j} and ${params.i})` };
    case 'anyOf':
    case 'oneOf':
      return { zh: '不符合任何允许的形式', en: 'does not match any allowed form' };
    default:
      return { zh: `无效（${keyword}）`, en: `is invalid (${error.message ?? keyword})` };
  }
}

/**
 * The problem an alternative (`anyOf`) reports, from its branches' errors at its own place: a
 * value outside the literals of every branch is told the literals; when all but one branch
 * refused the value's type, the one that took the type says what is wrong (a nullable date that
 * is not a date); a wrong type for every branch is told the types.
 */
function alternatives(errors: FastifySchemaValidationError[], alternative: FastifySchemaValidationError): Bilingual {
  const branches = errors.filter((error) => error !== alternative && error.instancePath === alternative.instancePath);
  const typed = branches.filter((error) => error.keyword !== 'type');
  if (typed.length > 0 && typed.every((error) => error.keyword === 'const' || error.keyword === 'enum')) {
    return oneOf(typed.flatMap((error) => (error.keyword === 'const' ? [error.params.allowedValue] : (error.params.allowedValues as unknown[]))));
  }
  if (typed.length === 1) return predicate(typed[0]);
  if (branches.length > 0 && typed.length === 0) return ofTypes([...new Set(branches.flatMap(typesOf))]);
  return predicate(alternative);
}

/** Chinese with a space between Han characters and Latin letters or digits, as the rest of the product writes it. */
const spaced = (zh: string) => zh.replace(/([\u4e00-\u9fff])([A-Za-z0-9])/g, '$1 $2').replace(/([A-Za-z0-9])([\u4e00-\u9fff])/g, '$1 $2');

const sentence = (who: Bilingual, what: Bilingual): Bilingual => ({ zh: spaced(`${who.zh}${what.zh}`), en: `${who.en} ${what.en}` });

/** The value at a JSON pointer (`/a/0/b`) inside `data`. */
function valueAt(data: unknown, instancePath: string): unknown {
  let value = data;
  for (const step of instancePath.split('/').slice(1)) value = (value as Record<string, unknown> | undefined)?.[step.replaceAll('~1', '/').replaceAll('~0', '~')];
  return value;
}

/**
 * What a schema violation means, in both languages, naming the member and the problem:
 * "字段 password 超过 256 个字符" / "Field password has more than 256 characters". `data` is
 * the part of the request as parsed, to tell a repeated query parameter from a wrong value.
 */
export function schemaViolation(errors: FastifySchemaValidationError[], part: RequestPart, data?: unknown): Bilingual {
  const alternative = errors.find((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  const error = alternative ?? errors[0];
  if (error === undefined) return { zh: `${PARTS[part].whole.zh}无效`, en: `${PARTS[part].whole.en} is invalid` };
  if (error.keyword === 'required') {
    const who = subject(part, error.instancePath, String(error.params.missingProperty));
    return { zh: spaced(`缺少${who.zh}`), en: `${who.en} is missing` };
  }
  if (error.keyword === 'additionalProperties') {
    const who = subject(part, error.instancePath, String(error.params.additionalProperty));
    return { zh: spaced(`不支持${who.zh}`), en: `${who.en} is not supported` };
  }
  if (part === 'querystring' && error.instancePath !== '' && Array.isArray(valueAt(data, error.instancePath))) {
    return sentence(subject(part, error.instancePath), { zh: '只能出现一次', en: 'may be given only once' });
  }
  return sentence(subject(part, error.instancePath), alternative ? alternatives(errors, alternative) : predicate(error));
}
