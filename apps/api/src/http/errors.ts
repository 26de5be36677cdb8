import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Bilingual, Language } from '@mpm/domain';

export type { Bilingual };

/**
 * A problem with the request that the user can fix: answered with its status (4xx) and the
 * message in the user's language. `code` is a stable English key for clients and tests.
 */
export class UserError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messages: Bilingual,
  ) {
    super(messages.en);
    this.name = 'UserError';
  }
}

export const badRequest = (code: string, messages: Bilingual) => new UserError(400, code, messages);
export const notFound = (code: string, messages: Bilingual) => new UserError(404, code, messages);

/** The language the user reads: English when the browser asks for it first, else Chinese. */
export function requestLanguage(request: FastifyRequest): Language {
  const header = request.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

/** The one error handler: 4xx name the problem in the user's language; 5xx are logged, never leaked. */
export function handleError(error: FastifyError | UserError, request: FastifyRequest, reply: FastifyReply) {
  const lang = requestLanguage(request);
  if (error instanceof UserError) {
    return reply.status(error.statusCode).send({
      statusCode: error.statusCode,
      code: error.code,
      message: error.messages[lang],
    });
  }
  if (error.validation) {
    const where = error.validationContext ?? 'request';
    const detail = error.validation
      .map((v) => `${where}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''} ${v.message ?? ''}`.trim())
      .join('; ');
    return reply.status(400).send({
      statusCode: 400,
      code: 'invalidRequest',
      message: lang === 'zh' ? `请求参数无效：${detail}` : `Invalid request: ${detail}`,
    });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return reply.status(status).send({ statusCode: status, code: error.code ?? 'badRequest', message: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({
    statusCode: 500,
    code: 'internalError',
    message: lang === 'zh' ? '服务器内部错误，已记录，请稍后重试。' : 'Internal server error; it has been logged.',
  });
}
