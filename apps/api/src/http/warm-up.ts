import type { FastifyInstance } from 'fastify';
import { tileAt } from '../plugins/app/tiles/tile-math.ts';

/**
 * Right after listening, the server asks itself (no network) for what a first visit asks first:
 * the config, the layer list and the county's middle tile. Each route's schemas are compiled at its
 * first request (lazy-schemas.ts) and the database links PostGIS at its first call to it, which
 * cost the first visitor 140–220 ms a route after a reopen on a quiet machine. Changes nothing:
 * every request is a read; one that fails is only logged. Once `stopping()` (a signal came), it
 * asks for nothing more and says nothing of what the shutdown refused.
 */
export async function warmUp(app: FastifyInstance, stopping: () => boolean): Promise<void> {
  const started = performance.now();
  const get = async (url: string) => {
    if (stopping()) throw new Error('stopping');
    const response = await app.inject({ url, headers: { 'user-agent': 'mpm-warm-up' } });
    if (response.statusCode !== 200) throw new Error(`GET ${url} answered ${response.statusCode}`);
    return response;
  };
  try {
    await get('/api/config');
    await get('/api/layers');
    const { tiles, center } = (await get('/tiles/county.json')).json() as { tiles: string[]; center: [number, number, number] };
    const { z, x, y } = tileAt(center[0], center[1], Math.round(center[2]));
    const template = decodeURI(new URL(tiles[0]!).pathname);
    await get(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
    app.log.info({ ms: Math.round(performance.now() - started) }, 'warmed up: config, layers and a county tile');
  } catch (err) {
    if (!stopping()) app.log.warn({ err }, 'warm-up after start failed');
  }
}
