import type { FastifyReply } from 'fastify';
import { UserError } from '../../../http/errors.ts';

/** How failed sign-ins are held back (not legal figures: the bureau's IT may change them here). */
export const SIGN_IN_LIMITS = {
  /** Failed HTTP Basic sign-ins one client address may make per window, as the login route allows 10 tries a minute. */
  failuresPerAddress: 10,
  addressWindowMs: 60_000,
  /** Failures in a row an account takes before each further try has to wait. */
  freeFailures: 5,
  /** The first wait, doubled with each further failure up to `maxDelayMs`. */
  firstDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  /** Entries kept at most (the oldest go first), so that a flood of names cannot fill the memory. */
  maxEntries: 10_000,
} as const;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function tooManyFromAddress(reply: FastifyReply, waitMs: number) {
  reply.header('Retry-After', String(seconds(waitMs)));
  return new UserError(429, 'rateLimited', {
    zh: `登录失败次数过多，请 ${seconds(waitMs)} 秒后再试。`,
    en: `Too many failed sign-ins; try again in ${seconds(waitMs)} s.`,
  });
}

function accountThrottled(reply: FastifyReply, waitMs: number) {
  reply.header('Retry-After', String(seconds(waitMs)));
  return new UserError(429, 'signInThrottled', {
    zh: `此账号接连登录失败，请 ${seconds(waitMs)} 秒后再试。`,
    en: `This account had several failed sign-ins in a row; try again in ${seconds(waitMs)} s.`,
  });
}

/** Bounded map: the oldest entry goes when it is full. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > SIGN_IN_LIMITS.maxEntries) map.delete(map.keys().next().value!);
}

/**
 * Failed sign-ins, per client address (HTTP Basic, which every OGC request may carry) and per
 * account (the login form and HTTP Basic alike): after `freeFailures` failures in a row an
 * account's next try must wait 1 s, then 2, 4 … up to 5 minutes, right password or not; a
 * success starts it afresh. Kept in this process's memory (one server process per database).
 */
export class SignInGuard {
  #addresses = new Map<string, { failures: number; resetAt: number }>();
  #accounts = new Map<string, { failures: number; until: number }>();

  /** Throws 429 (with `Retry-After`) when `address` (Basic only) or `username` must wait before trying again. */
  check(reply: FastifyReply, username: string, address?: string): void {
    const now = Date.now();
    if (address !== undefined) {
      const entry = this.#addresses.get(address);
      if (entry && entry.resetAt > now && entry.failures >= SIGN_IN_LIMITS.failuresPerAddress) throw tooManyFromAddress(reply, entry.resetAt - now);
    }
    const account = this.#accounts.get(username);
    if (account && account.until > now) throw accountThrottled(reply, account.until - now);
  }

  failed(username: string, address?: string): void {
    const now = Date.now();
    if (address !== undefined) {
      const entry = this.#addresses.get(address);
      const live = entry && entry.resetAt > now ? entry : { failures: 0, resetAt: now + SIGN_IN_LIMITS.addressWindowMs };
      remember(this.#addresses, address, { ...live, failures: live.failures + 1 });
    }
    const failures = (this.#accounts.get(username)?.failures ?? 0) + 1;
    const beyond = failures - SIGN_IN_LIMITS.freeFailures;
    const delay = beyond >= 0 ? Math.min(SIGN_IN_LIMITS.firstDelayMs * 2 ** Math.min(beyond, 20), SIGN_IN_LIMITS.maxDelayMs) : 0;
    remember(this.#accounts, username, { failures, until: now + delay });
  }

  succeeded(username: string): void {
    this.#accounts.delete(username);
  }
}
