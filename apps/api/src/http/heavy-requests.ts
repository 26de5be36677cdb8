import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UserError } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route does much work per request (many statements, many features, a transaction):
     * under load it waits for one of the places for heavy requests ({@link admitHeavyRequests}).
     */
    heavy?: boolean;
  }
}

/** Seconds a client is told to wait (`Retry-After`) when the queue for heavy requests is full. */
const RETRY_AFTER_S = 5;

/** How many heavy requests run at once, and how many may wait for a place. */
export interface HeavyRequestLimits {
  running: number;
  waiting: number;
}

/**
 * At most `limits.running` requests to heavy routes (`config: { heavy: true }`: those that read or
 * write many rows per request) are handled at a time; the others wait in arrival order, their bodies read and checked, holding no database
 * connection. Requests to every other route — the map's tiles and the planner's live checks,
 * which a user waits on many times a minute — never wait here, so a burst of site cards, feature
 * pages, ledger writes or patch rounds cannot slow them beyond what those running few cost. A
 * place is given back once the answer is made, before it is sent (a slow client holds none), or
 * when the connection closes; a request whose client went away while it waited is never run.
 * With `limits.waiting` already waiting, a heavy request is refused at once with a named 503 and
 * `Retry-After` rather than queued without bound.
 */
export function admitHeavyRequests(app: FastifyInstance, limits: HeavyRequestLimits): void {
  let running = 0;
  const waiting: (() => void)[] = [];
  const admitWaiting = () => {
    while (running < limits.running && waiting.length > 0) waiting.shift()!();
  };
  /** How a running request gives its place back (once). */
  const places = new WeakMap<FastifyRequest, () => void>();

  // Once its answer is made the request needs no more of the database: what is left is sending
  // it, which a slow client may draw out (a connection closed before then gives it back too).
  app.addHook('onSend', (request, _reply, payload, done) => {
    places.get(request)?.();
    done(null, payload);
  });

  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    if (!request.routeOptions.config.heavy) return done();
    const response = reply.raw;
    const run = () => {
      // Its client went away before it could run (during an earlier hook, or while it waited):
      // it is never run and takes no place.
      if (response.closed) return;
      running++;
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        running--;
        admitWaiting();
      };
      places.set(request, release);
      response.once('close', release);
      done();
    };
    if (running < limits.running) return run();
    if (waiting.length >= limits.waiting) {
      reply.header('Retry-After', String(RETRY_AFTER_S));
      return done(
        new UserError(503, 'busy', {
          zh: `服务器正忙，请 ${RETRY_AFTER_S} 秒后重试。`,
          en: `The server is busy; try again in ${RETRY_AFTER_S} s.`,
        }),
      );
    }
    const admit = () => {
      response.off('close', leave);
      run();
    };
    // A request whose client went away leaves the queue at once, making room for another.
    const leave = () => {
      const at = waiting.indexOf(admit);
      if (at >= 0) waiting.splice(at, 1);
    };
    response.once('close', leave);
    waiting.push(admit);
  });
}
