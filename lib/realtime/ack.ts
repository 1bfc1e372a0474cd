import type { z } from 'zod';
import type { Locale } from '@/i18n/locales';
import { isAppError, translateError, translateFields } from '../errors';
import { requestLocale } from '../http/request-locale';
import { fieldProblems } from '../validation/common';
import type { LiveSocket } from './context';
import type { Ack } from './types';

type Refusal = { ok: false; error: string; message?: string; fields?: Record<string, string> };

/** The acknowledgement callback of an event, or one that goes nowhere when the client sent none. */
export function replyTo<T>(ack: unknown): Ack<T> {
  return typeof ack === 'function' ? (ack as Ack<T>) : () => {};
}

/** A socket's language, as an HTTP request's: its handshake's cookie, else the saved one, else Accept-Language. Read once. */
const locales = new WeakMap<LiveSocket, Promise<Locale>>();
function socketLocale(socket: LiveSocket): Promise<Locale> {
  let locale = locales.get(socket);
  if (!locale) {
    const headers = new Headers();
    for (const name of ['cookie', 'accept-language']) {
      const value = socket.handshake.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    locale = requestLocale(headers, { id: socket.data.participantId }).catch(() => requestLocale(headers));
    locales.set(socket, locale);
  }
  return locale;
}

/** The one mapping of errors to a socket acknowledgement, in the socket's language; anything but an AppError is logged. */
export async function refusal(error: unknown, what: string, socket: LiveSocket): Promise<Refusal> {
  if (!isAppError(error)) {
    console.error(`${what} failed`, error);
    return { ok: false, error: 'internal', message: translateError(await socketLocale(socket), { key: 'internal' }) };
  }
  const { code, message, fields } = error.toBody(await socketLocale(socket)).error;
  return { ok: false, error: code, message, ...(fields ? { fields } : {}) };
}

export async function invalidPayload(error: z.ZodError, socket: LiveSocket): Promise<Refusal> {
  return { ok: false, error: 'invalid', fields: translateFields(await socketLocale(socket), fieldProblems(error)) };
}

/** The session behind the socket ended: the event is refused, then the socket is closed. */
export const SESSION_ENDED: Refusal = { ok: false, error: 'unauthorized' };
