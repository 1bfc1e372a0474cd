import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ActorName } from '@/components/actor-name';
import { Markdown } from '@/components/markdown';
import { canModerate } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { loadOrError } from '@/lib/http/page-data';
import { listReports } from '@/lib/services/moderation/reports';
import { REPORT_STATUSES } from '@/lib/validation/moderation';
import { ReportButtons } from './report-buttons';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Moderation'))('reportsTitle') };
}

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The facilitators' queue of reported messages (others: not found, like every facilitator page). */
export default async function ReportsPage({ searchParams }: Search) {
  const viewer = await requireViewer();
  if (!canModerate(viewer)) notFound();
  const t = await getTranslations('Moderation');
  const tr = await getTranslations('Room');
  const format = await getFormatter();
  const params = await searchParams;
  const status = typeof params.status === 'string' ? params.status : 'open';
  const cursor = typeof params.cursor === 'string' ? params.cursor : undefined;
  const { data, error } = await loadOrError(() => listReports(viewer, { status, cursor, limit: 25 }), { items: [], next: null });
  return (
    <ClientMessages namespaces={['Moderation']}>
      <div className="stack">
        <p className="small">
          <Link href="/facilitation">← {t('backToFacilitation')}</Link>
        </p>
        <h1>{t('reportsTitle')}</h1>
        <p className="muted">{t('reportsLead')}</p>
        <nav aria-label={t('reportStatus')} className="row small">
          {REPORT_STATUSES.map((s) => (
            <Link key={s} href={`/facilitation/reports?status=${s}`} aria-current={s === status ? 'page' : undefined} className="badge">
              {t(`status.${s}`)}
            </Link>
          ))}
        </nav>
        {error ? (
          <p className="alert alert-error" role="alert">
            {t('badFilter')}
          </p>
        ) : null}
        {data.items.length === 0 ? <p className="empty">{t('noReports')}</p> : null}
        <ul className="list-plain stack" data-testid="reports">
          {data.items.map((report) => (
            <li key={report.id} className="card stack" data-testid="report">
              <div className="spread small">
                <span>
                  {t('reportedBy')}: <ActorName actor={report.reporter} /> ·{' '}
                  <time dateTime={report.createdAt}>
                    {format.dateTime(new Date(report.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                </span>
                <Link href={`/rooms/${report.threadId}#message-${report.messageId}`}>{report.threadTitle}</Link>
              </div>
              <p className="report-text">
                <strong>{t('reason')}:</strong> {report.reason}
              </p>
              <blockquote className="message" style={{ margin: 0 }}>
                <div className="small muted">
                  <ActorName actor={report.message.author} />
                </div>
                {report.message.removed === 'retracted' ? (
                  <p className="message-removed">{tr('moderation.retracted')}</p>
                ) : (
                  <>
                    {report.message.removed === 'hidden' ? (
                      <p className="message-removed">
                        {tr('moderation.hidden')} {tr('moderation.hiddenReason', { reason: report.message.hiddenReason ?? '' })}
                      </p>
                    ) : null}
                    <Markdown text={report.message.body} />
                  </>
                )}
              </blockquote>
              {report.resolution ? <p className="small">{t(`status.${report.resolution}`)}</p> : <ReportButtons reportId={report.id} />}
            </li>
          ))}
        </ul>
        {data.next ? (
          <p>
            <Link href={`/facilitation/reports?status=${status}&cursor=${data.next}`}>{t('older')}</Link>
          </p>
        ) : null}
      </div>
    </ClientMessages>
  );
}
