import type { FastifyRequest } from 'fastify';
import { origin } from '../../http/origin.ts';

/** A web link as OGC API responses carry them. */
export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

/** Media type of the JSON documents (landing page, collections). */
export const JSON_TYPE = 'application/json';
/** Media type of features and feature collections. */
export const GEOJSON_TYPE = 'application/geo+json';
/** The OpenAPI 3.0 media type exactly as GDAL and OGC spell it (no quotes around the version). */
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/**
 * The request's own URL with some query parameters replaced; every other parameter is kept
 * as the client sent it, so paging links repeat the client's filters.
 */
export function requestUrlWith(request: FastifyRequest, changes: Record<string, string> = {}): string {
  const url = new URL(request.url, origin(request));
  for (const [key, value] of Object.entries(changes)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * `self`, `next` (while features remain) and `prev` (after the first page) of one page of
 * `/items`, each repeating the client's other query parameters. When the client sent a `limit`
 * (`limited`), the links carry the one served, which may be lower than the one asked for.
 */
export function pageLinks(
  request: FastifyRequest,
  { offset, limit, limited, returned, matched }: { offset: number; limit: number; limited: boolean; returned: number; matched: number },
): Link[] {
  const served: Record<string, string> = limited ? { limit: String(limit) } : {};
  const links: Link[] = [{ href: requestUrlWith(request, served), rel: 'self', type: GEOJSON_TYPE, title: 'This page' }];
  if (offset + returned < matched) {
    links.push({
      href: requestUrlWith(request, { ...served, offset: String(offset + limit) }),
      rel: 'next',
      type: GEOJSON_TYPE,
      title: 'Next page',
    });
  }
  if (offset > 0) {
    links.push({
      href: requestUrlWith(request, { ...served, offset: String(Math.max(0, offset - limit)) }),
      rel: 'prev',
      type: GEOJSON_TYPE,
      title: 'Previous page',
    });
  }
  return links;
}
