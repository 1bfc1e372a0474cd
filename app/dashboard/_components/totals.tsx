import { useTranslations } from 'next-intl';
import { STATUSES } from '@/lib/consensus/codes';
import type { DashboardTotals } from '@/lib/services/dashboard/get-dashboard';

/** The region at a glance: totals by status, format and topic (each a link that filters). */
export function Totals({
  totals,
  topics,
  href,
}: {
  totals: DashboardTotals;
  topics: Record<string, string>;
  href: (filter: Record<string, string>) => string;
}) {
  const t = useTranslations('Dashboard');
  const tc = useTranslations('Common');
  return (
    <section className="totals" aria-labelledby="totals-heading" data-testid="totals">
      <h2 id="totals-heading" className="visually-hidden">
        {t('totals')}
      </h2>
      <div className="card">
        <h3>{t('byStatus')}</h3>
        <ul className="list-plain totals-list">
          {STATUSES.map((s) => (
            <li key={s}>
              <a href={href({ status: s })}>
                <span className={`badge status status-${s}`}>{tc(`status.${s}`)}</span>
                <strong data-total={`status:${s}`}>{totals.byStatus[s]}</strong>
              </a>
            </li>
          ))}
        </ul>
        <p className="small muted">{t('allCount', { count: totals.all })}</p>
      </div>
      <div className="card">
        <h3>{t('byFormat')}</h3>
        <ul className="list-plain totals-list">
          {['CA-2', 'CA-3', 'CA-4', 'CA-5'].map((f) => (
            <li key={f}>
              <a href={href({ format: f })}>
                <span className="format-label">{f}</span>
                <strong data-total={`format:${f}`}>{totals.byFormat[f] ?? 0}</strong>
              </a>
            </li>
          ))}
          <li>
            <span>{t('minusX')}</span>
            <strong data-total="minus">{totals.minusX}</strong>
          </li>
          <li>
            <span>{t('plusX')}</span>
            <strong data-total="plus">{totals.plusX}</strong>
          </li>
        </ul>
      </div>
      <div className="card">
        <h3>{t('byTopic')}</h3>
        <ul className="list-plain totals-list">
          {Object.entries(totals.byTopic)
            .sort((a, b) => b[1] - a[1])
            .map(([topic, count]) => (
              <li key={topic}>
                <a href={href({ topic })}>
                  <span>{topics[topic] ?? topic}</span>
                  <strong data-total={`topic:${topic}`}>{count}</strong>
                </a>
              </li>
            ))}
        </ul>
      </div>
    </section>
  );
}
