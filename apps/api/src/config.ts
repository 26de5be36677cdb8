import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '@mpm/contracts';
import type { DatabaseTarget } from './db/connect.ts';
import type { HeavyRequestLimits } from './http/heavy-requests.ts';

/**
 * The repository root: the nearest folder above this module holding `pnpm-workspace.yaml` (the
 * module runs from `apps/api/src` as TypeScript and from `apps/api/dist` compiled).
 */
export const REPO_ROOT = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dir === path.dirname(dir)) throw new Error(`no pnpm-workspace.yaml above ${here}`);
  }
})();

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseTarget;
  /** First admin's password; when unset one is generated and printed once. */
  adminPassword?: string;
  /** Load the demo county into an empty database. */
  loadDemo: boolean;
  /** Built web app served at `/`; skipped when the directory does not exist. */
  webDist: string;
  /** 天地图 key; the optional basemap is offered only when set. */
  tiandituKey?: string;
  /** Send the session cookie only over HTTPS. */
  secureCookies: boolean;
  logLevel: string;
  /** Server checks (`POST /api/check`) one client may ask for per minute. */
  checksPerMinute: number;
  /** Where photos (ledger and tip-offs) are stored; paths in the database are relative to it. */
  photosDir: string;
  /** Public tip-offs (`POST /api/tip-offs`) one address may send per hour. */
  tipOffsPerHour: number;
  /** Largest photo accepted, in bytes. */
  photoMaxBytes: number;
  /** Largest file (or all files together) an import accepts, in bytes. */
  importMaxBytes: number;
  /** Memory the encoded vector tiles may take in the tile cache, in bytes (0: no cache). */
  tileCacheBytes: number;
  /** What encodes vector tiles: Node (`@maplibre/vt-pbf`), or PostgreSQL's PostGIS (`ST_AsMVT`). */
  tileEncoder: 'node' | 'postgis';
  /** How often the API process looks whether the scheduled sweep of existing mines is due, in minutes (0: never). */
  sweepCheckMinutes: number;
  /**
   * Which reverse proxies to believe (Fastify's `trustProxy`): `false` none (the client is the
   * socket's peer), `true` any, a hop count, or a comma-separated list of addresses/CIDRs. When
   * trusted, rate limits count per `X-Forwarded-For` client and links use `X-Forwarded-Proto`/`-Host`.
   */
  trustProxy: boolean | number | string;
  /** A session not used for this long ends (0: only its 12-hour lifetime ends it), in minutes. */
  sessionIdleMinutes: number;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are closed, in ms. */
  shutdownGraceMs: number;
  /** How many requests to heavy routes run at once, and how many more may wait (`http/heavy-requests.ts`). */
  heavyRequests: HeavyRequestLimits;
}

/** The default of each setting that has one (the README's table lists them). */
export const CONFIG_DEFAULTS = {
  port: 8080,
  host: '0.0.0.0',
  loadDemo: true,
  secureCookies: false,
  logLevel: 'info',
  checksPerMinute: 120,
  tipOffsPerHour: 10,
  photoMaxMb: 15,
  importMaxMb: 200,
  tileCacheMb: 64,
  tileEncoder: 'node',
  sweepCheckMinutes: 60,
  shutdownGraceS: 10,
  sessionIdleMinutes: 120,
  // Measured under the mixed load on 2 cores (bench/README.md, session 15): 1 and 3 did worse.
  heavyRequests: 2,
  heavyRequestsWaiting: 500,
} as const;

/** Raised at boot for a bad environment variable, naming it. */
export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

/** TRUST_PROXY: true/false, a hop count, or addresses and CIDRs separated by commas. */
function trustProxy(env: NodeJS.ProcessEnv): boolean | number | string {
  const raw = env.TRUST_PROXY?.trim();
  if (raw === undefined || raw === '') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^(true|false|yes|no|on|off|1|0)$/i.test(raw)) return flag(env, 'TRUST_PROXY', false);
  const parts = raw.split(',').map((part) => part.trim());
  const address = (part: string) => {
    const [ip, bits, ...rest] = part.split('/');
    const version = net.isIP(ip ?? '');
    if (!version || rest.length > 0) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
  };
  if (!parts.every(address)) {
    throw new ConfigError(`TRUST_PROXY must be true, false, a hop count or addresses/CIDRs separated by commas, got "${raw}"`);
  }
  return parts.join(',');
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(values as readonly string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as T;
}

/** The first admin's password as set, held to the rule every chosen password follows. */
function adminPassword(env: NodeJS.ProcessEnv): string | undefined {
  const password = env.ADMIN_PASSWORD || undefined;
  const problem = password === undefined ? undefined : passwordProblem(password, 'admin');
  if (problem === 'passwordTooShort') {
    throw new ConfigError(`ADMIN_PASSWORD must have at least ${PASSWORD_MIN_LENGTH} characters (首个管理员密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符)`);
  }
  if (problem === 'passwordHasUsername') {
    throw new ConfigError('ADMIN_PASSWORD must not contain the user name "admin", in any case (首个管理员密码不能包含用户名 admin)');
  }
  return password;
}

/** Reads and validates the environment once, at boot. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '' && !/^postgres(ql)?:\/\//.test(url)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const database: DatabaseTarget = url
    ? { kind: 'postgres', url }
    : { kind: 'pglite', dataDir: path.resolve(env.DATA_DIR || path.join(REPO_ROOT, 'var', 'data')) };
  return {
    port: integer(env, 'PORT', CONFIG_DEFAULTS.port, 0, 65535),
    host: env.HOST || CONFIG_DEFAULTS.host,
    database,
    adminPassword: adminPassword(env),
    loadDemo: flag(env, 'LOAD_DEMO', CONFIG_DEFAULTS.loadDemo),
    webDist: path.resolve(env.WEB_DIST || path.join(REPO_ROOT, 'apps', 'web', 'dist')),
    tiandituKey: env.TIANDITU_KEY || undefined,
    secureCookies: flag(env, 'SECURE_COOKIES', CONFIG_DEFAULTS.secureCookies),
    logLevel: env.LOG_LEVEL || CONFIG_DEFAULTS.logLevel,
    checksPerMinute: integer(env, 'CHECKS_PER_MINUTE', CONFIG_DEFAULTS.checksPerMinute, 1, 100_000),
    // Inside DATA_DIR, beside the embedded database (`pgdata`): one directory to back up or remove.
    photosDir: path.resolve(
      env.PHOTOS_DIR ||
        (database.kind === 'pglite' ? path.join(database.dataDir, 'photos') : path.join(REPO_ROOT, 'var', 'photos')),
    ),
    tipOffsPerHour: integer(env, 'TIP_OFFS_PER_HOUR', CONFIG_DEFAULTS.tipOffsPerHour, 1, 100_000),
    photoMaxBytes: integer(env, 'PHOTO_MAX_MB', CONFIG_DEFAULTS.photoMaxMb, 1, 200) * 1024 * 1024,
    importMaxBytes: integer(env, 'IMPORT_MAX_MB', CONFIG_DEFAULTS.importMaxMb, 1, 2048) * 1024 * 1024,
    tileCacheBytes: integer(env, 'TILE_CACHE_MB', CONFIG_DEFAULTS.tileCacheMb, 0, 65536) * 1024 * 1024,
    tileEncoder: oneOf(env, 'TILE_ENCODER', ['node', 'postgis'] as const, CONFIG_DEFAULTS.tileEncoder),
    sweepCheckMinutes: integer(env, 'SWEEP_CHECK_MINUTES', CONFIG_DEFAULTS.sweepCheckMinutes, 0, 24 * 60),
    trustProxy: trustProxy(env),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', CONFIG_DEFAULTS.sessionIdleMinutes, 0, 24 * 60),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_S', CONFIG_DEFAULTS.shutdownGraceS, 0, 3600) * 1000,
    heavyRequests: {
      running: integer(env, 'HEAVY_REQUESTS', CONFIG_DEFAULTS.heavyRequests, 1, 1000),
      waiting: integer(env, 'HEAVY_REQUESTS_WAITING', CONFIG_DEFAULTS.heavyRequestsWaiting, 0, 100_000),
    },
  };
}
