import { MESSAGES, placed, type Place } from '../messages.ts';
import type { Bilingual } from '@mpm/domain';
import type { CornerListError } from './types.ts';

type Messages = typeof MESSAGES;

/** Where a corner-list problem is; the message is prefixed by `line`, else by block and ring. */
export type Where = Place & { readonly point?: string };

/** Builds a corner-list error with its bilingual, placed message. */
export function cornerError<R extends keyof Messages>(reason: R, where: Where, ...params: Parameters<Messages[R]>): CornerListError {
  const body = (MESSAGES[reason] as (...p: unknown[]) => Bilingual)(...params);
  return { reason, ...where, message: placed(where, body) };
}
