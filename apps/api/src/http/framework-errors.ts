import type { FastifyError, FastifyRequest } from 'fastify';
import type { Bilingual } from '@mpm/domain';
import { quote } from './bbox.ts';
import { schemaViolation, type RequestPart } from './schema-errors.ts';

/** A 4xx as the error handler sends it: status, stable camelCase code, message in both languages. */
export interface Problem {
  statusCode: number;
  code: string;
  messages: Bilingual;
}

/** A size in MB as the messages give it (one decimal; two under 1 MB). */
export const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1);

/** The problems Fastify itself finds in a request before any route runs, by its error code. */
const FRAMEWORK: Record<string, (request: FastifyRequest) => Problem> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (request) => {
    const limit = megabytes(request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0);
    return {
      statusCode: 413,
      code: 'bodyTooLarge',
      messages: { zh: `请求内容超过 ${limit} MB 的上限。`, en: `The request body is over the ${limit} MB limit.` },
    };
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) => {
    const type = quote(request.headers['content-type'] ?? '');
    return {
      statusCode: 415,
      code: 'unsupportedMediaType',
      messages: type
        ? { zh: `此接口不接受内容类型“${type}”。`, en: `This route does not accept the content type "${type}".` }
        : { zh: '请求有内容却没有内容类型（Content-Type）。', en: 'The request has a body but no Content-Type.' },
    };
  },
  FST_ERR_CTP_INVALID_JSON_BODY: () => ({
    statusCode: 400,
    code: 'invalidJson',
    messages: { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => ({
    statusCode: 400,
    code: 'emptyBody',
    messages: { zh: '请求内容为空，但内容类型是 JSON。', en: 'The request body is empty, but its content type is JSON.' },
  }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => ({
    statusCode: 400,
    code: 'contentLengthMismatch',
    messages: { zh: '请求内容的长度与 Content-Length 不符。', en: 'The request body does not have the length its Content-Length says.' },
  }),
  FST_ERR_BAD_URL: (request) => ({
    statusCode: 400,
    code: 'badUrl',
    messages: {
      zh: `网址“${quote(request.url)}”中有无效的编码（%）。`,
      en: `The URL "${quote(request.url)}" has an invalid escape (%).`,
    },
  }),
  FST_ERR_MAX_PARAM_LENGTH: () => ({
    statusCode: 414,
    code: 'urlTooLong',
    messages: { zh: '网址中的路径参数过长。', en: 'A path parameter in the URL is too long.' },
  }),
};

/** Any other 4xx from the framework or a plugin: its status in words, never its English message. */
const BY_STATUS: Record<number, { code: string; messages: Bilingual }> = {
  400: { code: 'badRequest', messages: { zh: '请求无效。', en: 'The request is not valid.' } },
  401: { code: 'unauthorized', messages: { zh: '请先登录。', en: 'Sign in first.' } },
  403: { code: 'forbidden', messages: { zh: '无权进行此操作。', en: 'You may not do this.' } },
  404: { code: 'notFound', messages: { zh: '找不到所请求的内容。', en: 'Not found.' } },
  405: { code: 'methodNotAllowed', messages: { zh: '此接口不支持该请求方法。', en: 'This route does not take that method.' } },
  406: { code: 'notAcceptable', messages: { zh: '无法以所要求的格式答复。', en: 'No answer in the format asked for.' } },
  408: { code: 'requestTimeout', messages: { zh: '请求超时，请重试。', en: 'The request took too long; try again.' } },
  411: { code: 'lengthRequired', messages: { zh: '请求缺少 Content-Length。', en: 'The request has no Content-Length.' } },
  413: { code: 'bodyTooLarge', messages: { zh: '请求内容过大。', en: 'The request body is too large.' } },
  414: { code: 'urlTooLong', messages: { zh: '网址过长。', en: 'The URL is too long.' } },
  415: { code: 'unsupportedMediaType', messages: { zh: '不支持此内容类型。', en: 'Unsupported content type.' } },
  429: { code: 'rateLimited', messages: { zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' } },
};

/**
 * The 4xx a user sees for an error that is not the product's own `UserError`: a schema
 * violation (code `invalidRequest`, naming the member and the problem), one of the framework's
 * own (body too large, invalid JSON, unsupported media type, bad URL…), or any other 4xx by its
 * status. `undefined` for a 5xx.
 */
export function problemOf(error: FastifyError, request: FastifyRequest): Problem | undefined {
  if (error.validation) {
    const part = (error.validationContext ?? 'body') as RequestPart;
    const data = { body: request.body, querystring: request.query, params: request.params, headers: request.headers }[part];
    const detail = schemaViolation(error.validation, part, data);
    return {
      statusCode: 400,
      code: 'invalidRequest',
      messages: { zh: `请求参数无效：${detail.zh}。`, en: `Invalid request: ${detail.en}.` },
    };
  }
  const known = error.code === undefined ? undefined : FRAMEWORK[error.code];
  if (known) return known(request);
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) return undefined;
  return { statusCode: status, ...(BY_STATUS[status] ?? BY_STATUS[400]) };
}
