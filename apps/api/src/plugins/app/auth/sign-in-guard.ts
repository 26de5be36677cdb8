import type { FastifyReply } from 'fastify';
import { UserError } from '../../../http/errors.ts';
import type { SignInFailuresRepository } from './sign-in-failures-repository.ts';

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
  /** Client addresses kept at most (the oldest go first), so that a flood of addresses cannot fill the memory. */
  maxEntries: 10_000,
  /** Longest account name kept: a Basic header may carry kilobytes. */
  maxNameLength: 256,
  /** Failures recorded by this process between two prunings of day-old rows. */
  pruneEvery: 1_000,
} as const;

/** How long an account with `failures` in a row waits after its last failure. */
const delayMs = (failures: number) => {
  const beyond = failures - SIGN_IN_LIMITS.freeFailures;
  return beyond >= 0 ? Math.min(SIGN_IN_LIMITS.firstDelayMs * 2 ** Math.min(beyond, 20), SIGN_IN_LIMITS.maxDelayMs) : 0;
};

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
 * success starts it afresh. The accounts' counts are kept in the database (a restart or a second
 * server process remembers them); the addresses' windows, a rate limit like the routes' own, in
 * this process's memory.
 */
export class SignInGuard {
  #addresses = new Map<string, { failures: number; resetAt: number }>();
  #recorded = 0;

  constructor(private readonly accounts: SignInFailuresRepository) {}

  /**
   * Throws 429 (with `Retry-After`) when `address` (Basic only) or `username` must wait before
   * trying again; else answers whether the account has failures on record (for {@link succeeded}).
   */
  async check(reply: FastifyReply, username: string, address?: string): Promise<boolean> {
    const now = Date.now();
    if (address !== undefined) {
      const entry = this.#addresses.get(address);
      if (entry && entry.resetAt > now && entry.failures >= SIGN_IN_LIMITS.failuresPerAddress) throw tooManyFromAddress(reply, entry.resetAt - now);
    }
    const account = await this.accounts.failuresOf(username.slice(0, SIGN_IN_LIMITS.maxNameLength));
    const waitMs = account ? delayMs(account.failures) - account.sinceLastMs : 0;
    if (waitMs > 0) throw accountThrottled(reply, waitMs);
    return account !== undefined;
  }

  async failed(username: string, address?: string): Promise<void> {
    const now = Date.now();
    if (address !== undefined) {
      const entry = this.#addresses.get(address);
      const live = entry && entry.resetAt > now ? entry : { failures: 0, resetAt: now + SIGN_IN_LIMITS.addressWindowMs };
      remember(this.#addresses, address, { ...live, failures: live.failures + 1 });
    }
    await this.accounts.recordFailure(username.slice(0, SIGN_IN_LIMITS.maxNameLength));
    if (++this.#recorded % SIGN_IN_LIMITS.pruneEvery === 0) await this.accounts.prune();
  }

  /** Starts the account's count afresh; `hadFailures` from {@link check} spares a write on each ordinary sign-in. */
  async succeeded(username: string, hadFailures: boolean): Promise<void> {
    if (hadFailures) await this.accounts.clear(username.slice(0, SIGN_IN_LIMITS.maxNameLength));
  }
}
