import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';

/** Features serialised in one turn of the event loop (a patch's JSON is about 600 bytes). */
const PER_TURN = 200;

/**
 * Sends a FeatureCollection; one of more than {@link PER_TURN} features as a stream, that many at
 * a time with a turn of the event loop between: a 5 000-patch round (3 MB) is neither serialised
 * nor written in one go while the server's other requests wait. Each feature is serialised as the
 * route's schema says (`featureSchema`, the schema of the collection's items), so the bytes are
 * those the whole collection would have been serialised to.
 */
export function sendCollection<F>(reply: FastifyReply, status: number, collection: { features: readonly F[] } & object, featureSchema: object) {
  reply.status(status);
  const { features, ...head } = collection;
  if (features.length <= PER_TURN) return reply.send(collection);
  const serializeFeature = reply.compileSerializationSchema(featureSchema as Record<string, unknown>) as (feature: F) => string;
  async function* parts() {
    const opening = JSON.stringify(head);
    yield `${opening.slice(0, -1)}${opening.length > 2 ? ',' : ''}"features":[`;
    for (let start = 0; start < features.length; start += PER_TURN) {
      if (start > 0) await nextTurn();
      yield `${start > 0 ? ',' : ''}${features.slice(start, start + PER_TURN).map(serializeFeature).join(',')}`;
    }
    yield ']}';
  }
  return reply.type('application/json; charset=utf-8').send(Readable.from(parts(), { objectMode: false }));
}
