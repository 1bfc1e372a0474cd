import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { InitiativeCard } from '@/components/initiative-card';
import { requireViewer } from '@/lib/auth/current';
import { CA_STATES, STATUSES } from '@/lib/consensus/codes';
import { loadOrError } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { listInitiatives } from '@/lib/services/initiatives/list-initiatives';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Initiatives'))('title') };
}

type Search = Record<string, string | undefined>;

export default async function InitiativesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Initiatives');
  const tc = await getTranslations('Common');
  const names = await referenceNames(await getLocale());
  const search = await searchParams;
  const query = Object.fromEntries(Object.entries(search).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const { data: page, error } = await loadOrError(() => listInitiatives(viewer, { ...query, limit: 50 }), { items: [], next: null });
  const select = (name: string, label: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={search[name] ?? ''}>
        <option value="">{t('any')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="stack">
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <form className="filters card" method="get" role="search" aria-label={t('filters')}>
        <div className="field">
          <label htmlFor="f-q">{t('search')}</label>
          <input id="f-q" name="q" type="search" defaultValue={search.q ?? ''} />
        </div>
        {select(
          'status',
          t('status'),
          STATUSES.map((s) => [s, tc(`status.${s}`)]),
        )}
        {select(
          'state',
          t('state'),
          CA_STATES.map((s) => [s, names.states[s]]),
        )}
        {select('topic', t('topic'), Object.entries(names.topics))}
        {select(
          'format',
          t('format'),
          ['CA-2', 'CA-3', 'CA-4', 'CA-5'].map((f) => [f, f]),
        )}
        {select('partner', t('partner'), Object.entries(names.partners))}
        <button className="button" type="submit">
          {t('apply')}
        </button>
      </form>
      {error ? (
        <p className="alert alert-error" role="alert">
          {t('badFilter')}
        </p>
      ) : null}
      {page.items.length === 0 ? <p className="empty">{t('empty')}</p> : null}
      <ul className="list-plain grid">
        {page.items.map((initiative) => (
          <InitiativeCard key={initiative.id} initiative={initiative} names={names} showTopic headingLevel={2} />
        ))}
      </ul>
      {page.next ? (
        <p>
          <Link href={`/initiatives?${new URLSearchParams({ ...query, cursor: page.next })}`}>{t('more')}</Link>
        </p>
      ) : null}
    </div>
  );
}
