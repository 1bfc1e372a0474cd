import { notFound } from 'next/navigation';
import { isAppError, type AppError } from '../errors';
import { parseRecordId } from '../validation/ids';

/** For pages: a service's 404 becomes Next's not-found page. */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}

/** For pages: a validation error (a bad filter in the URL) is returned for display. */
export async function loadOrError<T>(load: () => Promise<T>, fallback: T): Promise<{ data: T; error: AppError | null }> {
  try {
    return { data: await load(), error: null };
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid') return { data: fallback, error };
    throw error;
  }
}

/** The record id in a page's URL; anything that is not one is the not-found page. */
export function pageRecordId(raw: string): number {
  return parseRecordId(raw) ?? notFound();
}
