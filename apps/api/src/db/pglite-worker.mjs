// The worker thread that holds the embedded database (PGlite with PostGIS), started by
// pglite-thread.ts. Plain JavaScript so that it runs as it is under node, tsx and vitest alike.
//
// PGlite runs PostgreSQL compiled to WebAssembly on the thread that calls it: a 0.7 s statement
// would hold the server's event loop for 0.7 s. Here it holds this thread only.
//
// workerData: { pgdata, postgisBundle }. Messages in: { id, session, op: 'query' | 'end' |
// 'dump' | 'close', sql, params, name }; out: { ready: true } or { ready: false, error } once,
// then per message { id, ok: true, value } or { id, ok: false, error } (the error's message, name
// and its fields that are plain values: SQLSTATE `code`, `detail`, `constraint`…).
//
// PGlite is one PostgreSQL session. The server's statements come from several sessions of its
// own (`session`: a number; knex's pooled connections), queued here, so that the next statement
// is at hand as soon as one ends instead of a round trip through the server's event loop later.
// A session that opens a transaction has the database to itself until it ends it: the others'
// statements wait in the queue, as they would for a lock, and never run inside its transaction.
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/** PostGIS from the trimmed archive (postgis-bundle.ts) the main thread found or wrote. */
const slimPostgis = {
  name: 'postgis',
  async setup(pg, emscriptenOpts) {
    return { ...(await postgis.setup(pg, emscriptenOpts)), bundlePath: pathToFileURL(workerData.postgisBundle) };
  },
};

/** An error as plain data: what postMessage can carry of it. */
function plainError(err) {
  const fields = {};
  for (const [key, value] of Object.entries(err ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return { ...fields, name: err?.name ?? 'Error', message: err?.message ?? String(err) };
}

let db;
try {
  db = await PGlite.create(workerData.pgdata, { extensions: { postgis: slimPostgis } });
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ ready: false, error: plainError(err) });
  process.exit(1);
}

/** The named statements prepared so far, with their parameters' type ids. */
const prepared = new Map();
const { serialize } = protocol;
const step = (message) => db.execProtocolStream(message, { syncToFs: false });

/**
 * `sql` prepared once under `name` (PostgreSQL's extended protocol, as PGlite's own `query` does
 * with an unnamed statement), then bound and executed at each call: the statement is not parsed
 * and analysed again, and PostgreSQL may keep a generic plan for it.
 */
function namedQuery(name, sql, params) {
  return db.runExclusive(async () => {
    const messages = [];
    try {
      let types = prepared.get(name);
      if (!types) {
        messages.push(...(await step(serialize.parse({ name, text: sql }))));
        types = parse.parseDescribeStatementResults(await step(serialize.describe({ type: 'S', name })));
        prepared.set(name, types);
      }
      const values = params.map((value, i) => (value == null ? null : (db.serializers[types[i]] ?? String)(value)));
      messages.push(
        ...(await step(serialize.bind({ statement: name, values }))),
        ...(await step(serialize.describe({ type: 'P' }))),
        ...(await step(serialize.execute({}))),
      );
    } finally {
      messages.push(...(await step(serialize.sync())));
    }
    if (!db.isInTransaction()) await db.syncToFs();
    return parse.parseResults(messages, db.parsers)[0];
  });
}

async function run({ op, sql, params, name }) {
  switch (op) {
    case 'query':
      return name ? namedQuery(name, sql, params ?? []) : db.query(sql, params);
    case 'end':
      // A session let go (knex ended its connection): a transaction it left open is rolled back.
      if (db.isInTransaction()) await db.query('ROLLBACK');
      return null;
    case 'dump': {
      // Taken between two statements, after a checkpoint: what `pnpm backup` saves.
      await db.exec('CHECKPOINT');
      const archive = await db.runExclusive(() => db.dumpDataDir('none'));
      return new Uint8Array(await archive.arrayBuffer());
    }
    case 'close':
      if (!db.closed) await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

/** Messages not yet run, in the order they came. */
const queue = [];
/** The session whose transaction is open, if any: only its statements may run until it ends. */
let owner = null;
let running = false;

/** Where in the queue the next message that may run is: the first, or the open transaction's next. */
const nextIndex = () => (owner === null ? (queue.length > 0 ? 0 : -1) : queue.findIndex((message) => message.session === owner));

async function answer(message) {
  try {
    const value = await run(message);
    parentPort.postMessage({ id: message.id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (err) {
    parentPort.postMessage({ id: message.id, ok: false, error: plainError(err) });
  }
  // A statement that left a transaction open (or failed within one) keeps the database for its session.
  owner = !db.closed && db.isInTransaction() ? message.session : null;
}

async function drain() {
  if (running) return;
  running = true;
  try {
    for (let i = nextIndex(); i !== -1; i = nextIndex()) await answer(queue.splice(i, 1)[0]);
  } finally {
    running = false;
  }
}

// Every message waits its turn, a session's end too: it runs after the session's statements, and
// only while no other session's transaction is open (then it has none to roll back).
parentPort.on('message', (message) => {
  queue.push(message);
  drain();
});
