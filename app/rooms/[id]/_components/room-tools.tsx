'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiCall } from '@/components/api-call';
import { CodeCheckboxes } from '@/components/code-checkboxes';
import type { ReferenceNames } from '@/lib/reference/names';

/**
 * A room's creator or a facilitator corrects what describes it (title, topic, summary, states,
 * partners); a facilitator archives it
 * (a second, explicit confirmation: it cannot be undone here). Each calls the JSON API, and the
 * page is read again.
 */
export function RoomTools({
  threadId,
  room,
  names,
  canArchive,
}: {
  threadId: number;
  room: { title: string; topic: string; summary: string; states: string[]; partners: string[] };
  names: ReferenceNames;
  canArchive: boolean;
}) {
  const t = useTranslations('Room');
  const tn = useTranslations('NewRoom');
  const router = useRouter();
  const [fields, setFields] = useState({
    title: room.title,
    topic: room.topic,
    summary: room.summary,
    states: room.states,
    partners: room.partners,
  });
  const options = (record: Record<string, string>) => Object.entries(record).map(([code, name]) => ({ code, name }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [archiveError, setArchiveError] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setSaved(false);
    const answer = await apiCall('PATCH', `/api/v1/threads/${threadId}`, fields);
    setPending(false);
    if (!answer.ok) {
      setErrors(
        answer.fields
          ? { ...answer.fields, ...(answer.fields.title ? { title: t('moderation.titleRequired') } : {}) }
          : { _: answer.code === 'conflict' ? t('moderation.archivedNow') : t('moderation.failed') },
      );
      return;
    }
    setErrors({});
    setSaved(true);
    router.refresh();
  }

  async function archive() {
    setPending(true);
    const answer = await apiCall('POST', `/api/v1/threads/${threadId}/archive`);
    setPending(false);
    if (!answer.ok) {
      setArchiveError(t('moderation.failed'));
      return;
    }
    router.refresh();
  }

  return (
    <section className="card stack room-tools" aria-labelledby="room-tools-heading">
      <h2 id="room-tools-heading" style={{ marginTop: 0 }}>
        {t('moderation.roomTools')}
      </h2>
      <details>
        <summary>{t('moderation.editRoom')}</summary>
        <form className="form" onSubmit={save} noValidate>
          <div className="field">
            <label htmlFor="room-title">{t('moderation.roomTitle')}</label>
            <input
              id="room-title"
              type="text"
              value={fields.title}
              maxLength={200}
              aria-invalid={errors.title ? true : undefined}
              aria-describedby={errors.title ? 'room-title-error' : undefined}
              onChange={(e) => setFields({ ...fields, title: e.target.value })}
            />
            {errors.title ? (
              <span className="error" id="room-title-error" role="alert">
                {errors.title}
              </span>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="room-topic">{tn('topic')}</label>
            <select id="room-topic" value={fields.topic} onChange={(e) => setFields({ ...fields, topic: e.target.value })}>
              {options(names.topics).map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="room-summary">{t('moderation.roomSummary')}</label>
            <textarea
              id="room-summary"
              value={fields.summary}
              maxLength={5000}
              rows={4}
              onChange={(e) => setFields({ ...fields, summary: e.target.value })}
            />
          </div>
          <CodeCheckboxes
            name="room-states"
            legend={tn('states')}
            options={options(names.states)}
            defaultChecked={room.states}
            error={errors.states}
            onChange={(states) => setFields({ ...fields, states })}
          />
          <CodeCheckboxes
            name="room-partners"
            legend={tn('partners')}
            options={options(names.partners)}
            defaultChecked={room.partners}
            error={errors.partners}
            onChange={(partners) => setFields({ ...fields, partners })}
          />
          {errors._ ? (
            <p className="error" role="alert">
              {errors._}
            </p>
          ) : null}
          {saved ? (
            <p className="alert alert-ok" role="status">
              {t('moderation.roomSaved')}
            </p>
          ) : null}
          <div>
            <button className="button" type="submit" disabled={pending}>
              {t('moderation.save')}
            </button>
          </div>
        </form>
      </details>
      {canArchive ? (
        <div className="stack">
          <p className="small muted">{t('moderation.archiveExplain')}</p>
          {confirming ? (
            <div className="row">
              <button className="button" type="button" onClick={archive} disabled={pending} autoFocus data-testid="archive-confirm">
                {t('moderation.archiveConfirm')}
              </button>
              <button className="button button-secondary" type="button" onClick={() => setConfirming(false)}>
                {t('moderation.cancel')}
              </button>
            </div>
          ) : (
            <div>
              <button className="button button-secondary" type="button" onClick={() => setConfirming(true)}>
                {t('moderation.archiveRoom')}
              </button>
            </div>
          )}
          {archiveError ? (
            <p className="error" role="alert">
              {archiveError}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
