import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { AppConfig } from './config.ts';
import type { Database } from './db/connect.ts';
import { UserError, handleError, notFound } from './http/errors.ts';
import { lazySchemaCompilers } from './http/lazy-schemas.ts';
import { refuseWhileClosing } from './http/closing.ts';
import { refuseCrossSite } from './http/same-origin.ts';
import { refuseWhatTheDatabaseCannotHold } from './http/database-limits.ts';
import { admitHeavyRequests } from './http/heavy-requests.ts';
import repositories from './plugins/app/repositories.plugin.ts';
import databaseAvailability from './plugins/app/database/availability.plugin.ts';
import auth from './plugins/app/auth/auth.plugin.ts';
import checks from './plugins/app/checks/checks.plugin.ts';
import reports from './plugins/app/reports/reports.plugin.ts';
import apiDocs from './plugins/app/docs/api-docs.plugin.ts';
import searchPlugin from './plugins/app/search/search.plugin.ts';
import health from './routes/health.ts';
import authRoutes from './routes/api/auth/index.ts';
import userRoutes from './routes/api/users/index.ts';
import layerRoutes from './routes/api/layers/index.ts';
import layerExportRoutes from './routes/api/layers/export.ts';
import layerFeatureRoutes from './routes/api/layers/features.ts';
import cornerListRoutes from './routes/api/corner-list.ts';
import importRoutes from './routes/api/imports/index.ts';
import auditRoutes from './routes/api/audit/index.ts';
import backupRoutes from './routes/api/backup/index.ts';
import settingsRoutes from './routes/api/settings/index.ts';
import rulesRoutes from './routes/api/rules/index.ts';
import checkRoutes from './routes/api/check/index.ts';
import proposalRoutes from './routes/api/proposals/index.ts';
import reportRoutes from './routes/api/proposals/report.ts';
import inspectionRoutes from './routes/api/inspection/index.ts';
import ledgerRoutes from './routes/api/ledger/index.ts';
import tipOffRoutes from './routes/api/tip-offs/index.ts';
import restorationRoutes from './routes/api/restoration/index.ts';
import indicatorRoutes from './routes/api/indicators/index.ts';
import progressReportRoutes from './routes/api/reports/index.ts';
import mapPrintRoutes from './routes/api/map-print/index.ts';
import ogcRoutes from './routes/ogc/index.ts';
import tileRoutes from './routes/tiles/index.ts';
import searchRoutes from './routes/api/search/index.ts';
import inboxRoutes from './routes/api/inbox/index.ts';
import campaignRoutes from './routes/api/campaigns/index.ts';
import licenceRoutes from './routes/api/licences/index.ts';
import sweepRoutes from './routes/api/sweep/index.ts';
import sweepSchedule from './plugins/app/sweep/sweep-schedule.ts';
import outputRoutes from './routes/api/outputs/index.ts';
import elevationSurveyRoutes from './routes/api/elevation-surveys/index.ts';

export interface BuildOptions {
  db: Pick<Database, 'knex' | 'kind' | 'dumpDataDir'>;
  /** The settings the app uses, as `loadConfig` reads them (its defaults are the only ones). */
  config: Pick<
    AppConfig,
    'webDist' | 'tiandituKey' | 'secureCookies' | 'logLevel' | 'checksPerMinute' | 'photosDir' | 'tipOffsPerHour' | 'photoMaxBytes' | 'importMaxBytes' | 'tileCacheBytes' | 'tileEncoder' | 'sweepCheckMinutes' | 'trustProxy' | 'sessionIdleMinutes' | 'heavyRequests'
  >;
  logger?: boolean;
  /** Where the log lines go (stdout when unset); tests read them. */
  logStream?: { write(line: string): void };
  /** Told of every route as it is added (the property tests list the routes this way, so none is missed). */
  onRoute?: (route: RouteOptions) => void;
}

/** Trust the nearest `count` proxies (a hop count, as Fastify reads a number; its types take a function). */
const hops = (count: number) => (_address: string, hop: number) => hop < count;

/** The whole product as one Fastify instance (routes, plugins, static web app), not listening yet. */
export async function buildApp({ db, config, logger = true, logStream, onRoute }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, ...(logStream && { stream: logStream }) } : false,
    bodyLimit: 5 * 1024 * 1024,
    // Query strings like bbox=… stay strings; routes parse them and name what is wrong.
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    schemaController: lazySchemaCompilers(),
    // A URL that does not decode is answered before any route: through the same handler.
    frameworkErrors: handleError,
    // Requests arriving while the server stops get a named 503 in the user's language (http/closing.ts).
    return503OnClosing: false,
    // Behind a reverse proxy (TRUST_PROXY): request.ip, .protocol and .host are the client's, as forwarded.
    trustProxy: typeof config.trustProxy === 'number' ? hops(config.trustProxy) : config.trustProxy,
  }).withTypeProvider<TypeBoxTypeProvider>();

  if (onRoute) app.addHook('onRoute', onRoute);
  app.setErrorHandler(handleError);
  refuseWhileClosing(app);
  refuseCrossSite(app);
  refuseWhatTheDatabaseCannotHold(app);
  admitHeavyRequests(app, config.heavyRequests);
  await app.register(helmet, {
    // A bureau intranet often serves plain http: forcing https there would break the page.
    hsts: config.secureCookies,
    // Nothing is allowed unless named: the app's own scripts, styles and fonts; 天地图 tiles;
    // MapLibre's worker (a blob) and its images (data:, blob:); style attributes, which MapLibre
    // and echarts set inline. No inline script, no eval, no framing (e2e/csp.test.ts).
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        'style-src-attr': ["'unsafe-inline'"],
        'font-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:', 'https://*.tianditu.gov.cn'],
        'connect-src': ["'self'", 'https://*.tianditu.gov.cn'],
        'worker-src': ["'self'", 'blob:'],
        'manifest-src': ["'self'"],
        ...(config.secureCookies ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new UserError(429, 'rateLimited', {
        zh: `请求过于频繁，请 ${seconds} 秒后再试。`,
        en: `Too many requests; try again in ${seconds} s.`,
      });
    },
  });
  await app.register(cookie);
  await app.register(repositories, { knex: db.knex, kind: db.kind });
  await app.register(databaseAvailability);
  await app.register(auth, { sessionIdleMs: config.sessionIdleMinutes * 60_000 });
  await app.register(checks);
  await app.register(reports);
  await app.register(apiDocs);
  await app.register(searchPlugin);

  await app.register(health);
  await app.register(authRoutes, { secureCookies: config.secureCookies });
  await app.register(userRoutes);
  await app.register(layerRoutes, { tiandituKey: config.tiandituKey });
  await app.register(layerExportRoutes);
  await app.register(layerFeatureRoutes);
  await app.register(cornerListRoutes);
  await app.register(importRoutes, { importMaxBytes: config.importMaxBytes });
  await app.register(settingsRoutes);
  await app.register(auditRoutes);
  await app.register(backupRoutes, { db });
  await app.register(rulesRoutes);
  await app.register(checkRoutes, { checksPerMinute: config.checksPerMinute });
  await app.register(proposalRoutes);
  await app.register(reportRoutes);
  await app.register(inspectionRoutes);
  const photos = { photosDir: config.photosDir, photoMaxBytes: config.photoMaxBytes };
  await app.register(ledgerRoutes, photos);
  await app.register(tipOffRoutes, { ...photos, tipOffsPerHour: config.tipOffsPerHour });
  await app.register(restorationRoutes);
  await app.register(indicatorRoutes);
  await app.register(progressReportRoutes);
  await app.register(mapPrintRoutes);
  await app.register(ogcRoutes);
  await app.register(tileRoutes, { cacheBytes: config.tileCacheBytes, encoder: config.tileEncoder });
  await app.register(searchRoutes);
  await app.register(inboxRoutes);
  await app.register(campaignRoutes);
  await app.register(licenceRoutes);
  await app.register(sweepRoutes);
  await app.register(sweepSchedule, { checkMinutes: config.sweepCheckMinutes });
  await app.register(outputRoutes);
  await app.register(elevationSurveyRoutes);

  if (fs.existsSync(config.webDist)) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, preCompressed: true, setHeaders: cacheWebFile });
  }
  // The web app routes on the client: unknown GETs outside the APIs get its index.html.
  app.setNotFoundHandler((request, reply) => {
    const isApi = /^\/(api|ogc|tiles|health)(\/|$)/.test(request.url);
    if (request.method === 'GET' && !isApi && fs.existsSync(`${config.webDist}/index.html`)) {
      return reply.sendFile('index.html');
    }
    throw notFound('notFound', {
      zh: `找不到 ${request.method} ${request.url.split('?')[0]}。`,
      en: `No such route: ${request.method} ${request.url.split('?')[0]}.`,
    });
  });
  return app;
}

/**
 * The web build's `assets/` are named by a hash of their content: a browser keeps them for good.
 * Everything else (the page naming them) is checked again on each visit (an ETag makes it a 304).
 * The build writes each text file compressed beside itself (`scripts/build.mjs`), sent as it is.
 */
function cacheWebFile(reply: { header(name: string, value: string): unknown }, filePath: string) {
  const hashed = filePath.split(path.sep).includes('assets');
  reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}
