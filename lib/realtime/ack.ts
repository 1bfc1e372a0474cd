import type { z } from 'zod';
import { isAppError } from '../errors';
import { fieldErrors } from '../validation/common';
import type { Ack } from './types';

type Refusal = { ok: false; error: string; fields?: Record<string, string> };

/** The acknowledgement callback of an event, or one that goes nowhere when the client sent none. */
export function replyTo<T>(ack: unknown): Ack<T> {
  return typeof ack === 'function' ? (ack as Ack<T>) : () => {};
}

/** The one mapping of errors to a socket acknowledgement; anything but an AppError is logged. */
export function refusal(error: unknown, what: string): Refusal {
  if (!isAppError(error)) {
    console.error(`${what} failed`, error);
    return { ok: false, error: 'internal' };
  }
  return { ok: false, error: error.code, ...(error.fields ? { fields: error.fields } : {}) };
}

export function invalidPayload(error: z.ZodError): Refusal {
  return { ok: false, error: 'invalid', fields: fieldErrors(error) };
}

/** The session behind the socket ended: the event is refused, then the socket is closed. */
export const SESSION_ENDED: Refusal = { ok: false, error: 'unauthorized' };
