import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireViewer } from '@/lib/auth/current';
import { canPropose } from '@/lib/access/rules';
import { CA_STATES } from '@/lib/consensus/codes';
import { loadOrError } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { listThreads } from '@/lib/services/threads/list-threads';
import { RoomCard } from './_components/room-card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Rooms'))('title') };
}

type Search = { topic?: string; state?: string; format?: string; q?: string; cursor?: string };

export default async function RoomsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Rooms');
  const names = await referenceNames(await getLocale());
  const search = await searchParams;
  const query = Object.fromEntries(Object.entries(search).filter(([, v]) => typeof v === 'string' && v !== ''));
  const { data: page, error } = await loadOrError(() => listThreads(viewer, query), { items: [], next: null });
  const nextQuery = page.next ? new URLSearchParams({ ...query, cursor: page.next }).toString() : null;

  return (
    <div className="stack">
      <div className="spread">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('lead')}</p>
        </div>
        {canPropose(viewer) ? (
          <Link className="button" href="/rooms/new">
            {t('newRoom')}
          </Link>
        ) : null}
      </div>

      <form className="filters card" method="get" role="search" aria-label={t('filters')}>
        <div className="field">
          <label htmlFor="q">{t('search')}</label>
          <input id="q" name="q" type="search" defaultValue={search.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="topic">{t('topic')}</label>
          <select id="topic" name="topic" defaultValue={search.topic ?? ''}>
            <option value="">{t('any')}</option>
            {Object.entries(names.topics).map(([slug, name]) => (
              <option key={slug} value={slug}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="state">{t('state')}</label>
          <select id="state" name="state" defaultValue={search.state ?? ''}>
            <option value="">{t('any')}</option>
            {CA_STATES.map((code) => (
              <option key={code} value={code}>
                {names.states[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="format">{t('format')}</label>
          <select id="format" name="format" defaultValue={search.format ?? ''}>
            <option value="">{t('any')}</option>
            {['CA-2', 'CA-3', 'CA-4', 'CA-5'].map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit">
          {t('apply')}
        </button>
        {Object.keys(query).length > 0 ? (
          <Link href="/rooms" className="small">
            {t('clear')}
          </Link>
        ) : null}
      </form>

      {error ? (
        <p className="alert alert-error" role="alert">
          {t('badFilter')}
        </p>
      ) : null}
      {page.items.length === 0 ? <p className="empty">{t('empty')}</p> : null}
      <ul className="list-plain grid" aria-label={t('listLabel')}>
        {page.items.map((room) => (
          <li key={room.id}>
            <RoomCard room={room} names={names} />
          </li>
        ))}
      </ul>
      {nextQuery ? (
        <p>
          <Link href={`/rooms?${nextQuery}`}>{t('more')}</Link>
        </p>
      ) : null}
    </div>
  );
}
