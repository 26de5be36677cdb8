import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** How a tile's bytes are sent (RFC 9110 §8.4.1); MVT is usually sent gzip'd. */
export type ContentCoding = 'br' | 'gzip' | 'identity';

/** The codings offered, best first: on equal preference the client gets the first. */
const OFFERED: readonly Exclude<ContentCoding, 'identity'>[] = ['br', 'gzip'];

/**
 * The coding to answer an `Accept-Encoding` header with: the offered coding the client weighs
 * highest (`q`, 1 when absent; `*` stands for any not named; `x-gzip` is gzip), identity when
 * it accepts none of them.
 */
export function preferredCoding(acceptEncoding: string | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const best = OFFERED.filter((coding) => weight(coding) > 0).sort((a, b) => weight(b) - weight(a))[0];
  return best ?? 'identity';
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * `body` in `coding`, compressed off the event loop (libuv's thread pool). Brotli at quality 5:
 * about gzip's speed at a smaller size; 11, its default, costs tens of times more per tile.
 */
export function encodeBody(body: Uint8Array, coding: Exclude<ContentCoding, 'identity'>): Promise<Buffer> {
  if (coding === 'gzip') return gzip(body);
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });
}
