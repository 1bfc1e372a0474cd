'use client';

export interface ChangesView {
  title: string;
  summary: string;
  items: { id: number; href: string | null; title: string; text: string; by: string }[];
}

/** "Changed since your last visit": the newest changes on initiatives the viewer may see. */
export function Changes({ title, summary, items }: ChangesView) {
  return (
    <section className="card" aria-labelledby="changes-heading" data-testid="changes">
      <h2 id="changes-heading" style={{ marginTop: 0 }}>
        {title}
      </h2>
      <p className={items.length ? 'small muted' : 'empty'}>{summary}</p>
      {items.length ? (
        <ul className="list-plain stack small">
          {items.map((item) => (
            <li key={item.id}>
              {item.href ? <a href={item.href}>{item.title}</a> : null} {item.text} <span className="muted">— {item.by}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
