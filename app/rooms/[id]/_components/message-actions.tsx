'use client';

import { useTranslations } from 'next-intl';
import { useId, useRef, useState, type FormEvent } from 'react';
import { apiCall } from '@/components/api-call';
import type { MessageView } from '@/lib/services/threads/messages';

type Mode = null | 'edit' | 'retract' | 'hide' | 'report';

/**
 * What a reader may do with one message, each behind its own button that opens a small form in
 * place (keyboard: the form's first field takes focus; Escape or Cancel closes it and focus goes
 * back to the button). The server decides; the buttons only spare a refusal.
 */
export function MessageActions({
  message,
  mine,
  moderator,
  editable,
  archived,
  onChanged,
}: {
  message: MessageView;
  mine: boolean;
  moderator: boolean;
  /** Its author may still correct it (within 15 minutes, in a room not archived). */
  editable: boolean;
  /** An archived room: its messages are no longer edited nor retracted. */
  archived: boolean;
  onChanged: (message: MessageView) => void;
}) {
  const t = useTranslations('Room');
  const [mode, setMode] = useState<Mode>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const opener = useRef<HTMLButtonElement | null>(null);
  const fieldId = useId();

  if (message.removed === 'retracted') return null;
  const canHide = moderator && message.removed === null;
  const canReport = !mine && message.removed === null;
  const canEdit = mine && editable && message.removed === null;
  // Withdrawing one's words has no time limit; correcting them has.
  const canRetract = mine && !archived && message.removed === null;
  if (!canHide && !canReport && !canEdit && !canRetract) return null;

  function open(next: Mode, button: HTMLButtonElement) {
    opener.current = button;
    setMode(next);
    setText(next === 'edit' ? message.body : '');
    setError(null);
    setDone(null);
  }
  function close() {
    setMode(null);
    setError(null);
    requestAnimationFrame(() => opener.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const id = message.id;
    const answer =
      mode === 'edit'
        ? await apiCall<MessageView>('PATCH', `/api/v1/messages/${id}`, { body: text })
        : mode === 'retract'
          ? await apiCall<MessageView>('DELETE', `/api/v1/messages/${id}`)
          : mode === 'hide'
            ? await apiCall<MessageView>('POST', `/api/v1/messages/${id}/hide`, { reason: text })
            : await apiCall<unknown>('POST', `/api/v1/messages/${id}/reports`, { reason: text });
    setPending(false);
    if (!answer.ok) {
      setError(
        answer.fields?.reason || answer.fields?.body
          ? mode === 'edit'
            ? t('moderation.bodyRequired')
            : t('moderation.reasonRequired')
          : answer.code === 'conflict'
            ? mode === 'edit'
              ? t('moderation.editClosed')
              : mode === 'report'
                ? t('moderation.alreadyReported')
                : t('moderation.alreadyRemoved')
            : t('moderation.failed'),
      );
      return;
    }
    if (mode === 'report') {
      setMode(null);
      setDone(t('moderation.reportSent'));
      requestAnimationFrame(() => opener.current?.focus());
      return;
    }
    onChanged(answer.data as MessageView);
    setMode(null);
  }

  return (
    <div className="message-actions small" role="group" aria-label={t('moderation.actions')}>
      <div className="row">
        {canEdit ? (
          <button type="button" className="link-button" aria-expanded={mode === 'edit'} onClick={(e) => open('edit', e.currentTarget)}>
            {t('moderation.edit')}
          </button>
        ) : null}
        {canRetract ? (
          <button
            type="button"
            className="link-button"
            aria-expanded={mode === 'retract'}
            onClick={(e) => open('retract', e.currentTarget)}
          >
            {t('moderation.retract')}
          </button>
        ) : null}
        {canHide ? (
          <button type="button" className="link-button" aria-expanded={mode === 'hide'} onClick={(e) => open('hide', e.currentTarget)}>
            {t('moderation.hide')}
          </button>
        ) : null}
        {canReport ? (
          <button type="button" className="link-button" aria-expanded={mode === 'report'} onClick={(e) => open('report', e.currentTarget)}>
            {t('moderation.report')}
          </button>
        ) : null}
      </div>
      {done ? (
        <p className="muted" role="status">
          {done}
        </p>
      ) : null}
      {mode ? (
        <form
          className="form"
          onSubmit={submit}
          noValidate
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        >
          {mode === 'retract' ? (
            <p>{t('moderation.retractExplain')}</p>
          ) : (
            <div className="field">
              <label htmlFor={fieldId}>
                {mode === 'edit' ? t('moderation.editLabel') : mode === 'hide' ? t('moderation.hideReason') : t('moderation.reportReason')}
              </label>
              <textarea
                id={fieldId}
                autoFocus
                value={text}
                maxLength={mode === 'edit' ? 4000 : 1000}
                rows={mode === 'edit' ? 3 : 2}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${fieldId}-error` : undefined}
                onChange={(event) => setText(event.target.value)}
              />
            </div>
          )}
          {error ? (
            <p className="error" id={`${fieldId}-error`} role="alert">
              {error}
            </p>
          ) : null}
          <div className="row">
            <button className="button" type="submit" disabled={pending} autoFocus={mode === 'retract'}>
              {mode === 'edit'
                ? t('moderation.save')
                : mode === 'retract'
                  ? t('moderation.retractConfirm')
                  : mode === 'hide'
                    ? t('moderation.hideConfirm')
                    : t('moderation.reportConfirm')}
            </button>
            <button className="button button-secondary" type="button" onClick={close}>
              {t('moderation.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
