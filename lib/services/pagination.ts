/** Every list answers `{items, next}`; `next` is an opaque cursor (a keyset position) or null. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** A LIKE pattern matching the text anywhere, with the user's own % and _ taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
