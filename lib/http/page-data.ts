import { notFound } from 'next/navigation';
import { isAppError, type AppError } from '../errors';
import { parseRecordId } from '../validation/ids';

/** For pages: a service's 404 becomes Next's not-found page; a validation error is returned for display. */
export function loadOrNotFound<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}

export function loadOrError<T>(load: () => T, fallback: T): { data: T; error: AppError | null } {
  try {
    return { data: load(), error: null };
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid') return { data: fallback, error };
    throw error;
  }
}

/** The record id in a page's URL; anything that is not one is the not-found page. */
export function pageRecordId(raw: string): number {
  return parseRecordId(raw) ?? notFound();
}
