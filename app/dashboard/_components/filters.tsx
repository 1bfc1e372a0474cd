'use client';

import { useRouter } from 'next/navigation';

export interface FiltersView {
  labels: { heading: string; search: string; any: string; apply: string; clear: string };
  q: string;
  selects: { name: string; label: string; value: string; options: [string, string][] }[];
  filtered: boolean;
}

/**
 * A GET form: the view lives in the URL, so it can be shared and bookmarked. With JavaScript it
 * navigates in place, so focus stays on Apply instead of starting over at the top of the page
 * (the new count of matching initiatives is then announced).
 */
export function Filters({ labels, q, selects, filtered }: FiltersView) {
  const router = useRouter();
  return (
    <form
      className="filters card"
      method="get"
      action="/dashboard"
      role="search"
      aria-label={labels.heading}
      onSubmit={(event) => {
        event.preventDefault();
        const query = new URLSearchParams();
        for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === 'string' && value) query.set(name, value);
        router.push(query.size ? `/dashboard?${query}` : '/dashboard', { scroll: false });
      }}
    >
      <div className="field">
        <label htmlFor="d-q">{labels.search}</label>
        <input id="d-q" name="q" type="search" defaultValue={q} />
      </div>
      {selects.map((select) => (
        <div className="field" key={select.name}>
          <label htmlFor={`d-${select.name}`}>{select.label}</label>
          <select id={`d-${select.name}`} name={select.name} defaultValue={select.value}>
            <option value="">{labels.any}</option>
            {select.options.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button className="button" type="submit">
        {labels.apply}
      </button>
      {filtered ? (
        <a href="/dashboard" className="small">
          {labels.clear}
        </a>
      ) : null}
    </form>
  );
}
