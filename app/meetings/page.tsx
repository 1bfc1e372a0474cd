import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { canScheduleMeetings } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { CA_STATES, MEETING_LEVELS } from '@/lib/consensus/codes';
import { loadOrError } from '@/lib/http/page-data';
import { publicOrigin } from '@/lib/http/public-origin';
import { referenceNames } from '@/lib/reference/names';
import { calendarFeed } from '@/lib/services/meetings/calendar';
import { listMeetings } from '@/lib/services/meetings/get-meeting';
import { CalendarFeed } from './_components/calendar-feed';
import { MeetingCard } from './_components/meeting-card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meetings'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

export default async function MeetingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Meetings');
  const names = await referenceNames(await getLocale());
  const search = await searchParams;
  const filters = {
    ...(typeof search.level === 'string' && search.level ? { level: search.level } : {}),
    ...(typeof search.state === 'string' && search.state ? { state: search.state } : {}),
  };
  const at = new Date().toISOString();
  const empty = { items: [], next: null };
  const [upcoming, past, feed] = await Promise.all([
    loadOrError(() => listMeetings(viewer, { ...filters, from: at, limit: 50 }), empty),
    loadOrError(() => listMeetings(viewer, { ...filters, to: at, limit: 20 }), empty),
    calendarFeed(viewer, publicOrigin()),
  ]);
  const select = (name: string, label: string, options: [string, string][]) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={typeof search[name] === 'string' ? search[name] : ''}>
        <option value="">{t('any')}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const ended = past.data.items.filter((m) => m.endsAt <= at);

  return (
    <div className="stack">
      <div className="spread">
        <h1>{t('title')}</h1>
        {canScheduleMeetings(viewer) ? (
          <Link className="button" href="/meetings/new">
            {t('schedule')}
          </Link>
        ) : null}
      </div>
      <p className="muted">{t('lead')}</p>
      <form className="filters card" method="get" role="search" aria-label={t('filters')}>
        {select(
          'level',
          t('level'),
          MEETING_LEVELS.map((level) => [level, t(`levels.${level}`)]),
        )}
        {select(
          'state',
          t('state'),
          CA_STATES.map((s) => [s, names.states[s]]),
        )}
        <button className="button" type="submit">
          {t('apply')}
        </button>
      </form>
      {upcoming.error || past.error ? (
        <p className="alert alert-error" role="alert">
          {t('badFilter')}
        </p>
      ) : null}
      <ClientMessages namespaces={['Meetings']}>
        <section className="stack" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t('upcoming')}</h2>
          {upcoming.data.items.length === 0 ? <p className="empty">{t('noUpcoming')}</p> : null}
          <ul className="list-plain grid" data-testid="upcoming">
            {upcoming.data.items.map((meeting) => (
              <MeetingCard key={meeting.id} meeting={meeting} states={names.states} />
            ))}
          </ul>
        </section>
        <section className="stack" aria-labelledby="past-heading">
          <h2 id="past-heading">{t('past')}</h2>
          {ended.length === 0 ? <p className="empty">{t('noPast')}</p> : null}
          <ul className="list-plain grid" data-testid="past">
            {ended.map((meeting) => (
              <MeetingCard key={meeting.id} meeting={meeting} states={names.states} />
            ))}
          </ul>
        </section>
        <CalendarFeed url={feed.url} />
      </ClientMessages>
    </div>
  );
}
