import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors.ts';

/**
 * Scheme and host the client used (default port dropped), so links work wherever the API is
 * reached. A Host header that is no host is a 400, as HTTP requires.
 */
export function origin(request: FastifyRequest): string {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    throw badRequest('invalidHost', {
      zh: '请求头 Host 不是有效的主机名。',
      en: 'The Host header is not a valid host name.',
    });
  }
}

/** Absolute URL of `path` (which starts with `/`; URI-template braces are kept as they are). */
export const absolute = (request: FastifyRequest, path: string): string => `${origin(request)}${path}`;
