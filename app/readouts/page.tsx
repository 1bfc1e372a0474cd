import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { FormatLabel, StateBadge, StatusBadge } from '@/components/badges';
import { ClientMessages } from '@/components/client-messages';
import { Markdown } from '@/components/markdown';
import { getViewer } from '@/lib/auth/current';
import { loadOrError } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { listPublicReadouts, type PublicReadout } from '@/lib/services/meetings/public-readouts';
import { MeetingTime } from '../meetings/_components/meeting-time';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Readouts'))('title') };
}

/** What the region's meetings agreed, for everyone, signed in or not: never who said what. */
export default async function ReadoutsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const t = await getTranslations('Readouts');
  const tm = await getTranslations('Meetings');
  const format = await getFormatter();
  const names = await referenceNames(await getLocale());
  const signedIn = (await getViewer()) !== null;
  const cursor = (await searchParams).cursor;
  const empty: { items: PublicReadout[]; next: string | null } = { items: [], next: null };
  const { data: page } = await loadOrError(() => listPublicReadouts({ limit: 20, ...(cursor ? { cursor } : {}) }), empty);

  return (
    <ClientMessages namespaces={['Meetings']}>
      <div className="stack">
        <h1>{t('title')}</h1>
        <p className="muted">{t('lead')}</p>
        {page.items.length === 0 ? <p className="empty">{t('empty')}</p> : null}
        {page.items.map((readout) => (
          <article
            key={readout.meetingId}
            className="card stack"
            aria-labelledby={`readout-${readout.meetingId}`}
            data-testid="public-readout"
          >
            <div className="row">
              <span className={`badge badge-level level-${readout.level}`}>{tm(`levels.${readout.level}`)}</span>
              <span className="small muted">
                {t('releasedOn', { date: format.dateTime(new Date(readout.releasedAt), { dateStyle: 'medium' }) })}
              </span>
            </div>
            <h2 id={`readout-${readout.meetingId}`}>
              {signedIn ? <Link href={`/meetings/${readout.meetingId}`}>{readout.title}</Link> : readout.title}
            </h2>
            <p className="small">
              <MeetingTime startsAt={readout.startsAt} endsAt={readout.endsAt} zone={readout.timezone} />
            </p>
            {readout.place ? <p className="small">{readout.place}</p> : null}
            <p className="row small" aria-label={tm('attending')}>
              {readout.states.map((s) => (
                <StateBadge key={s} code={s} name={names.states[s]} />
              ))}
              {readout.chairState ? <span className="muted">{tm('chairedBy', { state: names.states[readout.chairState] })}</span> : null}
            </p>
            <Markdown text={readout.body} className="readout-body" />
            {readout.agenda.length ? (
              <div className="stack-tight">
                <h3>{tm('agenda')}</h3>
                <ol className="agenda">
                  {readout.agenda.map((item, index) => (
                    <li key={index}>
                      {signedIn && item.initiativeId ? (
                        <Link href={`/initiatives/${item.initiativeId}`}>{item.title}</Link>
                      ) : (
                        <span>{item.title}</span>
                      )}
                      {item.status ? (
                        <span className="row small">
                          <StatusBadge status={item.status} />
                          {item.label ? <FormatLabel label={item.label} /> : null}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
          </article>
        ))}
        {page.next ? (
          <p>
            <Link href={`/readouts?cursor=${page.next}`}>{t('older')}</Link>
          </p>
        ) : null}
      </div>
    </ClientMessages>
  );
}
