import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { canReadAudit } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { EVENT_TYPES, type EventType } from '@/lib/events/types';
import { loadOrError } from '@/lib/http/page-data';
import { listAudit, listFacilitators, NOT_AUDITED } from '@/lib/services/moderation/audit';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Moderation'))('auditTitle') };
}

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const FILTERS = ['facilitator', 'type', 'from', 'to'] as const;
const AUDITED = EVENT_TYPES.filter((type) => !NOT_AUDITED.includes(type));

/**
 * Every facilitator action from the event log, newest first, filtered by facilitator, action and
 * days in the URL (a view can be shared), a page at a time. Others: not found.
 */
export default async function AuditPage({ searchParams }: Search) {
  const viewer = await requireViewer();
  if (!canReadAudit(viewer)) notFound();
  const t = await getTranslations('Moderation');
  const eventLabel = (type: EventType) => t(`eventType.${type.replace('.', '_') as 'thread_created'}`);
  const format = await getFormatter();
  const params = await searchParams;
  // Empty fields of the filter form mean "any".
  const filters = Object.fromEntries(
    FILTERS.flatMap((key) => (typeof params[key] === 'string' && params[key] !== '' ? [[key, params[key] as string]] : [])),
  );
  const cursor = typeof params.cursor === 'string' ? params.cursor : undefined;
  const [{ data, error }, facilitators] = await Promise.all([
    loadOrError(() => listAudit(viewer, { ...filters, cursor, limit: 50 }), { items: [], next: null }),
    listFacilitators(viewer),
  ]);
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...filters, ...extra }).toString();
  return (
    <div className="stack">
      <p className="small">
        <Link href="/facilitation">← {t('backToFacilitation')}</Link>
      </p>
      <h1>{t('auditTitle')}</h1>
      <p className="muted">{t('auditLead')}</p>
      <form className="filters card" method="get" action="/facilitation/audit" aria-label={t('filters')}>
        <div className="field">
          <label htmlFor="audit-facilitator">{t('facilitator')}</label>
          <select id="audit-facilitator" name="facilitator" defaultValue={filters.facilitator ?? ''}>
            <option value="">{t('anyone')}</option>
            {facilitators.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-type">{t('action')}</label>
          <select id="audit-type" name="type" defaultValue={filters.type ?? ''}>
            <option value="">{t('anyAction')}</option>
            {AUDITED.map((type) => (
              <option key={type} value={type}>
                {eventLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ''} />
        </div>
        <div>
          <button className="button" type="submit">
            {t('apply')}
          </button>
        </div>
      </form>
      {error ? (
        <p className="alert alert-error" role="alert">
          {t('badFilter')}
        </p>
      ) : null}
      {data.items.length === 0 ? (
        <p className="empty">{t('noEntries')}</p>
      ) : (
        <div className="table-scroll">
          <table className="stance-table small" data-testid="audit">
            <caption className="visually-hidden">{t('auditTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('facilitator')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('where')}</th>
                <th scope="col">{t('details')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.createdAt}>
                      {format.dateTime(new Date(entry.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                    </time>
                  </td>
                  <td>{entry.facilitator.name}</td>
                  <td>{eventLabel(entry.type)}</td>
                  <td>
                    {entry.initiativeId ? (
                      <Link href={`/initiatives/${entry.initiativeId}`}>{entry.threadTitle ?? `#${entry.initiativeId}`}</Link>
                    ) : entry.threadId ? (
                      <Link href={`/rooms/${entry.threadId}`}>{entry.threadTitle}</Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="report-text">{entry.reason ? t('reasonGiven', { reason: entry.reason }) : detail(entry.payload)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="row">
        {cursor ? <Link href={`/facilitation/audit?${query({})}`}>{t('newest')}</Link> : null}
        {data.next ? <Link href={`/facilitation/audit?${query({ cursor: data.next })}`}>{t('older')}</Link> : null}
      </p>
    </div>
  );
}

/** What a reader recognizes of the change (titles, labels, states, partners), without ids, instants or codes of the log. */
const DETAIL_FIELDS = ['title', 'label', 'state', 'states', 'partner', 'partners'];
function detail(payload: Record<string, unknown>): string {
  const text = DETAIL_FIELDS.flatMap((key) => {
    const value = payload[key];
    if (typeof value === 'string' && value) return [value];
    return Array.isArray(value) && value.length ? [value.join(', ')] : [];
  }).join(' · ');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
