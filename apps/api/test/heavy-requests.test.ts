import { afterEach, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { admitHeavyRequests } from '../src/http/heavy-requests.ts';
import { badRequest, handleError } from '../src/http/errors.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

/** A promise and its resolver: a heavy handler runs until the test lets it finish. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (a request has reached a point on the server), at most 5 s. */
async function until(condition: () => boolean, what: string) {
  for (const end = Date.now() + 5000; !condition(); await tick(5)) {
    if (Date.now() > end) throw new Error(`waited 5 s for ${what}`);
  }
}

/**
 * A server with the gate at one running and one waiting: `GET /heavy/:name` runs until
 * `release(name)` (its name noted when it starts), `GET /heavy-fails` is refused by its handler,
 * `GET /light` answers at once. `seen`, `atGate` and `gone` note the paths of the requests that
 * arrived, that reached the gate, and whose connection closed before their answer was sent.
 */
async function gatedServer() {
  // Closing ends every connection, one still waiting included: a failed test does not hang.
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true });
  app.setErrorHandler(handleError);
  const seen: string[] = [];
  const atGate: string[] = [];
  const gone: string[] = [];
  app.addHook('onRequest', (request, reply, done) => {
    seen.push(request.url);
    reply.raw.on('close', () => reply.raw.writableFinished || gone.push(request.url));
    done();
  });
  app.addHook('preHandler', (request, _reply, done) => {
    atGate.push(request.url);
    done();
  });
  admitHeavyRequests(app, { running: 1, waiting: 1 });
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof deferred>>();
  const gate = (name: string) => gates.get(name) ?? gates.set(name, deferred()).get(name)!;
  app.get<{ Params: { name: string } }>('/heavy/:name', { config: { heavy: true } }, async (request) => {
    started.push(request.params.name);
    await gate(request.params.name).promise;
    return { name: request.params.name };
  });
  app.get('/heavy-fails', { config: { heavy: true } }, async () => {
    started.push('fails');
    throw badRequest('refused', { zh: '不行。', en: 'No.' });
  });
  // An earlier hook that takes its time (as signing in may): the client can go away meanwhile.
  app.get('/heavy-after-auth', { config: { heavy: true }, preValidation: async () => gate('auth').promise }, async () => {
    started.push('after-auth');
    return {};
  });
  // An answer sent as it is made, whose end waits for `release('end')`.
  app.get('/heavy-stream', { config: { heavy: true } }, async (_request, reply) => {
    started.push('stream');
    async function* parts() {
      yield '{"parts":[';
      await gate('end').promise;
      yield ']}';
    }
    return reply.type('application/json').send(Readable.from(parts()));
  });
  app.get('/light', async () => ({ light: true }));
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  // Every handler let finish: a failed test's server still closes.
  const releaseAll = () => gates.forEach((g) => g.resolve());
  /** Asks for `path`, and once the server notes it in `reached`, goes away; returns when the server has seen it go. */
  const goAway = async (path: string, reached: string[]) => {
    const leaving = new AbortController();
    const left = fetch(`${origin}${path}`, { signal: leaving.signal }).catch((err: Error) => err.name);
    await until(() => reached.includes(path), `${path} to reach its point`);
    leaving.abort();
    expect(await left).toBe('AbortError');
    await until(() => gone.includes(path), `the server to see ${path} gone`);
  };
  const release = (name: string) => gate(name).resolve();
  /** Asks for `/heavy/next`, waits for it to start and lets it finish: which had started by then. */
  const runNext = async () => {
    const next = fetch(`${origin}/heavy/next`);
    await until(() => started.includes('next'), 'next to start');
    const startedThen = [...started];
    release('next');
    expect((await next).status).toBe(200);
    return startedThen;
  };
  return { app, origin, started, seen, atGate, release, releaseAll, goAway, runNext };
}

let server: Awaited<ReturnType<typeof gatedServer>> | undefined;
afterEach(async () => {
  server?.releaseAll();
  await server?.app.close();
  server = undefined;
});

describe('heavy requests', () => {
  it('run one at a time in arrival order while the others are answered at once, and refuse beyond the queue', async () => {
    server = await gatedServer();
    const { origin, started, atGate, release } = server;
    const first = fetch(`${origin}/heavy/a`);
    await until(() => started.includes('a'), 'a to start');
    const second = fetch(`${origin}/heavy/b`);
    await until(() => atGate.includes('/heavy/b'), 'b at the gate');
    await tick();
    expect(started).toEqual(['a']);

    const light = await fetch(`${origin}/light`);
    expect(light.status).toBe(200);

    const refused = await fetch(`${origin}/heavy/c`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ code: 'busy', message: '服务器正忙，请 5 秒后重试。' });
    const refusedEn = await fetch(`${origin}/heavy/c`, { headers: { 'accept-language': 'en' } });
    expect((await refusedEn.json()).message).toBe('The server is busy; try again in 5 s.');
    expect(started).toEqual(['a']);

    release('a');
    expect(await (await first).json()).toEqual({ name: 'a' });
    await until(() => started.includes('b'), 'b to start');
    expect(started).toEqual(['a', 'b']);
    release('b');
    expect(await (await second).json()).toEqual({ name: 'b' });
  });

  it('never runs a request whose client went away while it waited, and gives its place in the queue to the next', async () => {
    server = await gatedServer();
    const { origin, started, atGate, release, goAway } = server;
    const first = fetch(`${origin}/heavy/a`);
    await until(() => started.includes('a'), 'a to start');
    await goAway('/heavy/gone', atGate);
    // The queue holds one: the one gone left it, so this one waits instead of being refused.
    const next = fetch(`${origin}/heavy/next`);
    await until(() => atGate.includes('/heavy/next'), 'next at the gate');

    release('a');
    await first;
    await until(() => started.includes('next'), 'next to start');
    expect(started).toEqual(['a', 'next']);
    release('next');
    expect((await next).status).toBe(200);
  });

  it('gives the place back when the handler refuses the request', async () => {
    server = await gatedServer();
    const { origin, runNext } = server;
    const refused = await fetch(`${origin}/heavy-fails`);
    expect(refused.status).toBe(400);
    expect(await runNext()).toEqual(['fails', 'next']);
  });

  it('neither runs nor holds a place for a request whose client went away before it reached the gate', async () => {
    server = await gatedServer();
    const { seen, release, goAway, runNext } = server;
    await goAway('/heavy-after-auth', seen);
    release('auth');
    // Its sign-in ends: it comes to the gate with its client gone.
    await tick();
    expect(await runNext()).toEqual(['next']);
  });

  it('gives the place back once the answer is made, before all of it is sent', async () => {
    server = await gatedServer();
    const { origin, release, runNext } = server;
    const streamed = await fetch(`${origin}/heavy-stream`);
    expect(streamed.status).toBe(200);
    expect(await runNext()).toEqual(['stream', 'next']);
    release('end');
    expect(await streamed.json()).toEqual({ parts: [] });
  });

  it('are set by HEAVY_REQUESTS and HEAVY_REQUESTS_WAITING, which name themselves when out of range', () => {
    expect(loadConfig({}).heavyRequests).toEqual({ running: 2, waiting: 500 });
    expect(loadConfig({ HEAVY_REQUESTS: '4', HEAVY_REQUESTS_WAITING: '0' }).heavyRequests).toEqual({ running: 4, waiting: 0 });
    expect(() => loadConfig({ HEAVY_REQUESTS: '0' })).toThrow(new ConfigError('HEAVY_REQUESTS must be an integer from 1 to 1000, got "0"'));
    expect(() => loadConfig({ HEAVY_REQUESTS_WAITING: 'many' })).toThrow(/^HEAVY_REQUESTS_WAITING must be an integer/);
  });
});
