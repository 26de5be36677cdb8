import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError } from './errors.ts';
import { origin } from './origin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Host (name and port, the scheme's default port left out) of an origin, or null when it is none. */
function hostOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? null : url.host;
  } catch {
    return null;
  }
}

const crossOrigin = (from: string, to: string) =>
  new UserError(403, 'crossOriginRequest', {
    zh: `拒绝来自其他网站（${from}）的修改请求：只接受本站（${to}）页面发出的请求。`,
    en: `A change requested from another site (${from}) is refused: only pages of this site (${to}) may make changes.`,
  });

/**
 * Why a state-changing request is refused as cross-site, or null when it may go on. Browsers send
 * `Origin` with every POST/PUT/PATCH/DELETE (fetch and forms alike): when it names another host
 * than the one the request came to (`X-Forwarded-Host` when TRUST_PROXY trusts the proxy), the
 * request was made by another site's page, with this site's cookies: refused. The scheme is not
 * compared, so that a proxy ending TLS needs no setting for this. Without `Origin`, a browser still
 * tells a cross-site request by `Sec-Fetch-Site`; a request with neither is not a browser's (GDAL,
 * scripts, the tests) and cannot be forged by another site: it passes, with whatever
 * credentials it carries itself (the session cookie being also `SameSite=Lax`).
 */
export function crossSiteRefusal(request: FastifyRequest): UserError | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const header = request.headers.origin;
  if (header !== undefined) {
    const own = origin(request);
    return hostOf(header) === new URL(own).host ? null : crossOrigin(header, own);
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return crossOrigin(site, origin(request));
  return null;
}

/** Refuses state-changing requests made by another site's page (403 `crossOriginRequest`), before anything else runs. */
export function refuseCrossSite(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const refusal = crossSiteRefusal(request);
    if (refusal) throw refusal;
  });
}
