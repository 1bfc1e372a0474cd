import { sql, type SQL } from 'drizzle-orm';

/** Every list answers `{items, next}`; `next` is an opaque cursor (a keyset position) or null. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * A page from rows fetched with `LIMIT limit + 1`: the extra row only says there is more, and the
 * cursor is the position of the last row shown.
 */
export async function pageOf<R, T>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => string,
  toItems: (rows: R[]) => T[] | Promise<T[]>,
): Promise<Page<T>> {
  const page = rows.slice(0, limit);
  return { items: await toItems(page), next: rows.length > limit ? cursorOf(page[page.length - 1]) : null };
}

/** A LIKE pattern matching the text anywhere, with the user's own % and _ taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Conditions joined with AND (only the filters a request uses become SQL). */
export function whereAll(conditions: SQL[]): SQL {
  return conditions.length ? sql.join(conditions, sql` AND `) : sql`1 = 1`;
}
