import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Bilingual, Language } from '@mpm/domain';
import { RETRY_AFTER_S, isDatabaseUnavailable } from '../db/availability.ts';
import { problemOf } from './framework-errors.ts';

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

/** What a user reads while the database cannot be reached. */
const DATABASE_UNAVAILABLE: Bilingual = {
  zh: `暂时连不上数据库，请 ${RETRY_AFTER_S} 秒后重试。`,
  en: `The database cannot be reached at the moment; try again in ${RETRY_AFTER_S} s.`,
};

/**
 * The one error handler: every 4xx names the problem in the user's language, the framework's own
 * included (see `problemOf`); a database that cannot be reached is a 503 with `Retry-After`,
 * logged once per outage; other 5xx are logged, never leaked.
 */
export function handleError(error: FastifyError | UserError, request: FastifyRequest, reply: FastifyReply) {
  const lang = requestLanguage(request);
  const problem = error instanceof UserError ? error : problemOf(error, request);
  if (problem) {
    if (!(error instanceof UserError)) request.log.info({ err: error }, 'request refused');
    return reply.status(problem.statusCode).send({
      statusCode: problem.statusCode,
      code: problem.code,
      message: problem.messages[lang],
    });
  }
  if (isDatabaseUnavailable(error)) {
    request.server.databaseAvailability?.down(error);
    return reply
      .status(503)
      .header('Retry-After', String(RETRY_AFTER_S))
      .send({ statusCode: 503, code: 'databaseUnavailable', message: DATABASE_UNAVAILABLE[lang] });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({
    statusCode: 500,
    code: 'internalError',
    message: lang === 'zh' ? '服务器内部错误，已记录，请稍后重试。' : 'Internal server error; it has been logged.',
  });
}
