'use client';

export interface FiltersView {
  labels: { heading: string; search: string; any: string; apply: string; clear: string };
  q: string;
  selects: { name: string; label: string; value: string; options: [string, string][] }[];
  filtered: boolean;
}

/** A plain GET form: the view lives in the URL, so it can be shared and bookmarked. */
export function Filters({ labels, q, selects, filtered }: FiltersView) {
  return (
    <form className="filters card" method="get" action="/dashboard" role="search" aria-label={labels.heading}>
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
