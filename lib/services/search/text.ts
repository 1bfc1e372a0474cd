import snowball from 'snowball-stemmers';

/**
 * Words and their stems, the same for indexing and for queries and in both databases: the text is
 * cut into words here, each word reduced by the Snowball stemmer of its script (Russian for
 * Cyrillic, English for Latin), and the engines only ever see space-separated stems. Pure: no
 * database, so the search page highlights titles with the same rule.
 */
const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /^[a-z]+$/;
/** Longer "words" (a pasted hash, a URL's innards) are kept whole; the stemmers are not for them. */
const STEM_MAX = 40;
/** At most this many distinct terms from a query. */
export const MAX_QUERY_TERMS = 12;

/** Stems already computed: the stemmers cost ~7 µs a word, a conversation repeats its words. */
const stems = new Map<string, string>();
const STEMS_KEPT = 100_000;

export function stemWord(word: string): string {
  const lower = word.toLowerCase().replace(/ё/g, 'е');
  let stem = stems.get(lower);
  if (stem === undefined) {
    stem = lower.length > STEM_MAX ? lower : CYRILLIC.test(lower) ? russian.stem(lower) : LATIN.test(lower) ? english.stem(lower) : lower;
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(lower, stem);
  }
  return stem;
}

/** The text as the index stores it: its words' stems, separated by spaces. */
export function stemmedText(text: string): string {
  return Array.from(text.matchAll(WORD), (m) => stemWord(m[0])).join(' ');
}

/** The distinct stems of a query, in their order (empty: nothing to look for). */
export function queryStems(query: string): string[] {
  return [...new Set(Array.from(query.matchAll(WORD), (m) => stemWord(m[0])))].slice(0, MAX_QUERY_TERMS);
}

/** A piece of text, and whether it is one of the words looked for. Rendered as text, never as HTML. */
export interface Segment {
  text: string;
  match: boolean;
}

/** The whole text cut into matching words and the text between them. */
export function highlight(text: string, stems: readonly string[]): Segment[] {
  const wanted = new Set(stems);
  const segments: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    if (!wanted.has(stemWord(m[0]))) continue;
    if (m.index > at) segments.push({ text: text.slice(at, m.index), match: false });
    segments.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/**
 * A readable excerpt of about `length` characters around the first matching word, with every
 * matching word marked; the text from its start when nothing matches. Whitespace is collapsed.
 */
export function snippet(text: string, stems: readonly string[], length = 200): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const wanted = new Set(stems);
  let first = -1;
  for (const m of flat.matchAll(WORD)) {
    if (wanted.has(stemWord(m[0]))) {
      first = m.index;
      break;
    }
  }
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(length / 4));
  // Begin at a word boundary.
  if (start > 0) {
    const space = flat.lastIndexOf(' ', start);
    start = space < 0 ? 0 : space + 1;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const segments = highlight(flat.slice(start, end), stems);
  if (start > 0) segments.unshift({ text: '… ', match: false });
  if (end < flat.length) segments.push({ text: ' …', match: false });
  return merge(segments);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && !last.match && !s.match) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
