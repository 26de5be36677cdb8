import { encodeBody, type ContentCoding } from './content-coding.ts';

/** A tile as sent: its bytes and their coding, or a null body where the layer has nothing (204). */
export interface SentTile {
  body: Buffer | null;
  coding: ContentCoding;
}

/** Bytes counted for an entry besides its body: its key (UTF-16) and the map's own bookkeeping. */
const ENTRY_OVERHEAD_BYTES = 120;

/**
 * Entries in least-recently-used order, evicted oldest first once the bytes they hold pass
 * `maxBytes` (0 keeps nothing).
 */
export class ByteLru<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** Removes every entry whose key `test` accepts. */
  deleteWhere(test: (key: string) => boolean): void {
    for (const key of [...this.#entries.keys()]) if (test(key)) this.delete(key);
  }
}

/**
 * Encoded tiles by key (see `tileKey`) and coding, at most `maxBytes` of them. A tile is built
 * once however many ask for it at the same moment, and compressed once per coding.
 */
export function createTileCache(maxBytes: number) {
  const lru = new ByteLru<SentTile>(maxBytes);
  const pending = new Map<string, Promise<SentTile>>();

  async function make(key: string, coding: ContentCoding, build: () => Promise<Uint8Array | null>): Promise<SentTile> {
    if (coding === 'identity') {
      const tile = await build();
      return { body: tile ? Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength) : null, coding };
    }
    const plain = await get(key, 'identity', build);
    if (!plain.body) return plain;
    const coded = await encodeBody(plain.body, coding);
    // A tiny tile can grow when compressed: then it is sent as it is.
    return coded.byteLength < plain.body.byteLength ? { body: coded, coding } : plain;
  }

  function get(key: string, coding: ContentCoding, build: () => Promise<Uint8Array | null>): Promise<SentTile> {
    const id = `${key}|${coding}`;
    const hit = lru.get(id);
    if (hit) return Promise.resolve(hit);
    let promise = pending.get(id);
    if (!promise) {
      promise = make(key, coding, build)
        .then((tile) => {
          lru.set(id, tile, (tile.body?.byteLength ?? 0) + id.length * 2 + ENTRY_OVERHEAD_BYTES);
          return tile;
        })
        .finally(() => pending.delete(id));
      pending.set(id, promise);
    }
    return promise;
  }

  return {
    /** The tile `key` in `coding`, from the cache or made by `build` (the tile as encoded, null when empty). */
    get,
    /** Forgets the tiles whose keys `test` accepts (a layer's older revisions). */
    forget: (test: (key: string) => boolean) => lru.deleteWhere(test),
    /** How many entries and bytes the cache holds. */
    stats: () => ({ entries: lru.size, bytes: lru.bytes }),
  };
}

export type TileCache = ReturnType<typeof createTileCache>;
