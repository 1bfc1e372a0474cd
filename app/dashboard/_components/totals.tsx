'use client';

export interface TotalsView {
  labels: { heading: string; byStatus: string; byFormat: string; byTopic: string; minusX: string; plusX: string };
  all: string;
  byStatus: { key: string; label: string; count: number; href: string }[];
  byFormat: { key: string; label: string; count: number; href: string }[];
  minusX: number;
  plusX: number;
  byTopic: { key: string; label: string; count: number; href: string }[];
}

/** The region at a glance: totals by status, format and topic, each a link that filters. */
export function Totals({ labels, all, byStatus, byFormat, minusX, plusX, byTopic }: TotalsView) {
  return (
    <section className="totals" aria-labelledby="totals-heading" data-testid="totals">
      <h2 id="totals-heading" className="vh">
        {labels.heading}
      </h2>
      <div className="card">
        <h3>{labels.byStatus}</h3>
        <ul className="list-plain totals-list">
          {byStatus.map((s) => (
            <li key={s.key}>
              <a href={s.href}>
                <span className={`badge status status-${s.key}`}>{s.label}</span>
                <strong data-total={`status:${s.key}`}>{s.count}</strong>
              </a>
            </li>
          ))}
        </ul>
        <p className="small muted">{all}</p>
      </div>
      <div className="card">
        <h3>{labels.byFormat}</h3>
        <ul className="list-plain totals-list">
          {byFormat.map((f) => (
            <li key={f.key}>
              <a href={f.href}>
                <span className="format-label">{f.label}</span>
                <strong data-total={`format:${f.key}`}>{f.count}</strong>
              </a>
            </li>
          ))}
          <li>
            <span>{labels.minusX}</span>
            <strong data-total="minus">{minusX}</strong>
          </li>
          <li>
            <span>{labels.plusX}</span>
            <strong data-total="plus">{plusX}</strong>
          </li>
        </ul>
      </div>
      <div className="card">
        <h3>{labels.byTopic}</h3>
        <ul className="list-plain totals-list">
          {byTopic.map((topic) => (
            <li key={topic.key}>
              <a href={topic.href}>
                <span>{topic.label}</span>
                <strong data-total={`topic:${topic.key}`}>{topic.count}</strong>
              </a>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
