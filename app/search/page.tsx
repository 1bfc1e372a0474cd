import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireViewer } from '@/lib/auth/current';
import { loadOrError } from '@/lib/http/page-data';
import { search, type SearchItem } from '@/lib/services/search/search';
import { highlight, queryStems, type Segment } from '@/lib/services/search/text';
import { SEARCH_QUERY_MAX } from '@/lib/validation/search';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Search'))('title') };
}

type Params = Record<string, string | string[] | undefined>;
const KINDS = ['thread', 'initiative', 'message'] as const;

/** Matching words marked with <mark>; the text is rendered by React as text, never as HTML. */
function Marked({ segments }: { segments: Segment[] }) {
  return segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>));
}

function href(item: SearchItem): string {
  if (item.kind === 'initiative') return `/initiatives/${item.id}`;
  if (item.kind === 'message') return `/rooms/${item.threadId}#message-${item.id}`;
  return `/rooms/${item.id}`;
}

/** Full-text search over the rooms, initiatives and messages the participant may see; the query lives in the URL. */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Search');
  const format = await getFormatter();
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
  const q = text('q');
  const kind = text('kind') || undefined;
  const cursor = text('cursor') || undefined;
  const asked = q !== undefined;
  const { data: page, error } = asked
    ? await loadOrError(() => search(viewer, { q, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) }), { items: [], next: null })
    : { data: { items: [] as SearchItem[], next: null }, error: null };
  const stems = asked && !error ? queryStems(q) : [];
  const nextHref = page.next
    ? `/search?${new URLSearchParams({ q: q ?? '', ...(kind ? { kind } : {}), cursor: page.next }).toString()}`
    : null;

  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <form role="search" aria-label={t('formLabel')} action="/search" method="get" className="row search-form">
        <div className="field">
          <label htmlFor="search-q">{t('query')}</label>
          <input
            id="search-q"
            type="search"
            name="q"
            defaultValue={q ?? ''}
            maxLength={SEARCH_QUERY_MAX}
            aria-describedby={error ? 'search-error' : 'search-hint'}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="search-kind">{t('kind')}</label>
          <select id="search-kind" name="kind" defaultValue={kind ?? ''}>
            <option value="">{t('allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('submit')}
        </button>
      </form>
      <p className="hint small muted" id="search-hint">
        {t('hint')}
      </p>
      {error ? (
        <p className="error" id="search-error" role="alert" data-testid="search-error">
          {error.fields?.kind ? t('badKind') : t('badQuery', { max: SEARCH_QUERY_MAX })}
        </p>
      ) : null}
      {asked && !error ? (
        <p role="status" data-testid="search-count">
          {page.items.length === 0 ? t('none', { q }) : t(page.next ? 'countMore' : 'count', { count: page.items.length, q })}
        </p>
      ) : null}
      {page.items.length ? (
        <ol className="list-plain stack search-results" data-testid="search-results">
          {page.items.map((item) => (
            <li key={`${item.kind}-${item.id}`} className="card stack-tight" data-testid="search-result" data-kind={item.kind}>
              <div className="row">
                <span className={`badge search-kind kind-${item.kind}`}>{t(`kinds.${item.kind}`)}</span>
                <time className="small muted" dateTime={item.createdAt}>
                  {format.dateTime(new Date(item.createdAt), { dateStyle: 'medium' })}
                </time>
              </div>
              <h2 className="card-title">
                <Link href={href(item)}>
                  {item.kind === 'message' ? t('inRoom', { room: item.title }) : <Marked segments={highlight(item.title, stems)} />}
                </Link>
              </h2>
              {item.snippet.length ? (
                <p className="search-snippet">
                  <Marked segments={item.snippet} />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {nextHref ? (
        <p>
          <Link href={nextHref}>{t('more')}</Link>
        </p>
      ) : null}
    </div>
  );
}
