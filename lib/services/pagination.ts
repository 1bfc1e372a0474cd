/** Every list answers `{items, next}`; `next` is an opaque cursor (a keyset position) or null. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * A page from rows fetched with `LIMIT limit + 1`: the extra row only says there is more, and the
 * cursor is the position of the last row shown.
 */
export function pageOf<R, T>(rows: R[], limit: number, cursorOf: (row: R) => string, toItems: (rows: R[]) => T[]): Page<T> {
  const page = rows.slice(0, limit);
  return { items: toItems(page), next: rows.length > limit ? cursorOf(page[page.length - 1]) : null };
}

/** A LIKE pattern matching the text anywhere, with the user's own % and _ taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
