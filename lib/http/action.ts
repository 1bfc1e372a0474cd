import type { Viewer } from '../access/viewer';
import { requireViewer } from '../auth/current';
import { getLocale } from 'next-intl/server';
import { isLocale, type Locale } from '@/i18n/locales';
import { invalid, isAppError, translateError, type ErrorCode, type FieldErrors } from '../errors';

/** What a server action answers to its form: field errors in the PRODUCT.md shape. */
export type ActionState<T = unknown> =
  { ok: true; data: T } | { ok: false; code: ErrorCode | 'internal'; message: string; fields?: FieldErrors } | null;

/** Runs a service for a server action, mapping the one AppError type to a form result. */
export async function runAction<T>(run: (viewer: Viewer) => T | Promise<T>): Promise<ActionState<T>> {
  const viewer = await requireViewer();
  return runUnauthenticated(() => run(viewer));
}

export async function runUnauthenticated<T>(run: () => T | Promise<T>): Promise<ActionState<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, ...error.toBody(await pageLocale()).error };
    // redirect() and notFound() signal by throwing: let Next handle them.
    if (error && typeof error === 'object' && 'digest' in error) throw error;
    console.error('Server action failed', error);
    return { ok: false, code: 'internal', message: translateError(await pageLocale(), { key: 'internal' }) };
  }
}

/** A form's errors are in its page's language (the switcher's cookie, else Accept-Language: i18n/request.ts). */
async function pageLocale(): Promise<Locale> {
  try {
    const locale = await getLocale();
    return isLocale(locale) ? locale : 'en';
  } catch {
    return 'en'; // called outside a request (a script)
  }
}

/**
 * A server action's bound argument as its page bound it: a record id. A script can call an action
 * with anything; whatever is not an id is refused like any invalid input.
 */
export function boundId(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw invalid('actionArguments');
}

/** The action's form, as a browser posts it; anything else is refused. */
export function formOf(value: unknown): FormData {
  if (value instanceof FormData) return value;
  throw invalid('actionArguments');
}

/** FormData → the plain object the shared zod schemas expect. */
export function formInput(
  rawForm: unknown,
  { arrays = [], booleans = [], omitEmpty = [] }: { arrays?: string[]; booleans?: string[]; omitEmpty?: string[] } = {},
): Record<string, unknown> {
  const form = formOf(rawForm);
  const input: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION') || typeof value !== 'string') continue;
    if (arrays.includes(key)) input[key] = [...((input[key] as string[]) ?? []), value];
    else input[key] = value;
  }
  for (const key of arrays) input[key] ??= [];
  for (const key of booleans) input[key] = form.get(key) === 'on' || form.get(key) === 'true';
  for (const key of omitEmpty) if (input[key] === '') delete input[key];
  return input;
}
