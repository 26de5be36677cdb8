import type { FastifyInstance } from 'fastify';
import { UserError } from './errors.ts';

/** Seconds a client is told to wait (`Retry-After`) when it asks while the server is stopping. */
const RETRY_AFTER_S = 5;

/**
 * While the server stops (SIGTERM, `app.close()`), a request that still arrives on an open
 * connection (one pipelined behind a request in flight) is refused with a named, bilingual 503
 * and the connection closed, instead of Fastify's own English one. Build the app with
 * `return503OnClosing: false` so that such requests reach this hook.
 */
export function refuseWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('Connection', 'close').header('Retry-After', String(RETRY_AFTER_S));
    throw new UserError(503, 'shuttingDown', {
      zh: `服务正在停止，请 ${RETRY_AFTER_S} 秒后重试。`,
      en: `The server is stopping; try again in ${RETRY_AFTER_S} s.`,
    });
  });
}
