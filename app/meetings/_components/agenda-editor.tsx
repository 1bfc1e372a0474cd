'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { announce } from '@/components/live/announcer';

export interface AgendaChoice {
  id: number;
  title: string;
  label: string;
}

export interface AgendaRow {
  initiativeId: number | null;
  title: string;
}

type KeyedRow = AgendaRow & { key: number };

/**
 * The ordered agenda: each item an initiative (its title by default) or a free item, moved up and
 * down with buttons (focus follows the moved item, the move is announced) and sent as one JSON field.
 */
export function AgendaEditor({ initial, choices, error }: { initial: AgendaRow[]; choices: AgendaChoice[]; error?: string }) {
  const t = useTranslations('Meetings');
  const next = useRef(initial.length);
  const [rows, setRows] = useState<KeyedRow[]>(initial.map((row, key) => ({ ...row, key })));

  const update = (key: number, change: Partial<AgendaRow>) =>
    setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));
  /** Focus after React has drawn the change: the first of the selectors that finds an enabled element. */
  const focusLater = (...selectors: string[]) =>
    requestAnimationFrame(() => {
      for (const selector of selectors) {
        const found = document.querySelector<HTMLButtonElement>(selector);
        if (found && !found.disabled) return found.focus();
      }
    });
  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= rows.length) return;
    const moved = rows[index];
    const reordered = [...rows];
    reordered.splice(index, 1);
    reordered.splice(target, 0, moved);
    setRows(reordered);
    announce(t('agendaMoved', { title: titleOf(moved) || t('agendaItem', { n: index + 1 }), position: target + 1 }));
    focusLater(`[data-key="${moved.key}"] [data-move="${by}"]`, `[data-key="${moved.key}"] [data-move="${-by}"]`);
  };
  const titleOf = (row: AgendaRow) => row.title || choices.find((c) => c.id === row.initiativeId)?.title || '';
  const payload = rows.map((r) =>
    r.initiativeId ? { initiativeId: r.initiativeId, ...(r.title ? { title: r.title } : {}) } : { title: r.title },
  );

  return (
    <fieldset className="field" aria-describedby={error ? 'agenda-error' : undefined} aria-invalid={error ? true : undefined}>
      <legend>{t('agenda')}</legend>
      <span className="hint">{t('agendaHint')}</span>
      <input type="hidden" name="agenda" value={JSON.stringify(payload)} />
      <ol className="agenda-editor stack">
        {rows.map((row, index) => (
          <li key={row.key} data-key={row.key} className="agenda-row">
            <div className="field">
              <label htmlFor={`agenda-${row.key}-initiative`}>{t('agendaInitiative', { n: index + 1 })}</label>
              <select
                id={`agenda-${row.key}-initiative`}
                value={row.initiativeId ?? ''}
                onChange={(event) => update(row.key, { initiativeId: event.target.value ? Number(event.target.value) : null })}
              >
                <option value="">{t('freeItem')}</option>
                {choices.map((choice) => (
                  <option key={choice.id} value={choice.id}>
                    {choice.title} ({choice.label})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`agenda-${row.key}-title`}>{t('agendaTitle', { n: index + 1 })}</label>
              <input
                id={`agenda-${row.key}-title`}
                type="text"
                maxLength={200}
                value={row.title}
                placeholder={row.initiativeId ? titleOf({ ...row, title: '' }) : ''}
                onChange={(event) => update(row.key, { title: event.target.value })}
              />
            </div>
            <div className="row">
              <button
                type="button"
                className="button button-secondary"
                data-move="-1"
                disabled={index === 0}
                onClick={() => move(index, -1)}
              >
                <span aria-hidden="true">↑</span> {t('moveUp', { n: index + 1 })}
              </button>
              <button
                type="button"
                className="button button-secondary"
                data-move="1"
                disabled={index === rows.length - 1}
                onClick={() => move(index, 1)}
              >
                <span aria-hidden="true">↓</span> {t('moveDown', { n: index + 1 })}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setRows(rows.filter((r) => r.key !== row.key));
                  announce(t('agendaRemoved', { title: titleOf(row) || t('agendaItem', { n: index + 1 }) }));
                  focusLater('[data-add]');
                }}
              >
                {t('remove', { n: index + 1 })}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div>
        <button
          type="button"
          className="button button-secondary"
          data-add
          onClick={() => {
            const key = next.current++;
            setRows([...rows, { key, initiativeId: null, title: '' }]);
            requestAnimationFrame(() => document.getElementById(`agenda-${key}-initiative`)?.focus());
          }}
        >
          {t('addItem')}
        </button>
      </div>
      {error ? (
        <span className="error" id="agenda-error">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
