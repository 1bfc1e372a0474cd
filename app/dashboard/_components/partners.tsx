'use client';

export interface PartnersView {
  title: string;
  items: { code: string; name: string; count: number | null }[];
  empty: string;
  back: { href: string; text: string } | null;
}

/** The X in CA+X: the focused initiative's partners, or every partner with its number of initiatives. */
export function Partners({ title, items, empty, back }: PartnersView) {
  return (
    <section className="small" aria-labelledby="partners-heading">
      <h2 id="partners-heading" className="h3">
        {title}
      </h2>
      {items.length ? (
        <ul className="list-plain row">
          {items.map((p) => (
            <li key={p.code}>
              <span className="badge badge-partner" title={p.name}>
                +{p.code}
                <span className="vh"> ({p.name})</span>
              </span>
              {p.count === null ? null : <span className="muted"> {p.count}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{empty}</p>
      )}
      {back ? <a href={back.href}>{back.text}</a> : null}
    </section>
  );
}
