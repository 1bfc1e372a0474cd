'use client';

import { apiCall } from '@/components/api-call';
import { useDateTime } from '@/components/use-date-time';
import { threadChannel } from '@/lib/realtime/channels';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ActorName, useActorLabel } from '@/components/actor-name';
import { announce } from '@/components/live/announcer';
import { SubmitButton } from '@/components/submit-button';
import { Markdown } from '@/components/markdown';
import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { useLiveLabels } from '@/components/live/use-live-labels';
import { liveClient } from '@/components/live/live-client';
import { useChannelClosed, useLiveChannel, usePresence, useTyping } from '@/components/live/use-live';
import type { MessageView } from '@/lib/services/threads/messages';
import type { MessageVersion } from '@/lib/services/moderation/message-changes';
import { useRouter } from 'next/navigation';
import { MessageActions } from './message-actions';

/** How long an author may correct a message (the server's rule: MESSAGE_EDIT_WINDOW_MS). */
const EDIT_WINDOW_MS = 15 * 60 * 1000;

function newOpId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

/** The room's conversation: live messages, presence, typing, history on scroll, an unread marker. */
export function Conversation({
  threadId,
  since,
  initialMessages,
  olderCursor,
  canPost,
  seated,
  viewerId,
  moderator,
  archived: initiallyArchived,
  histories,
}: {
  threadId: number;
  since: number;
  initialMessages: MessageView[];
  olderCursor: string | null;
  canPost: boolean;
  /** The viewer has a seat in the room: when they take one, focus goes to the message box. */
  seated: boolean;
  /** Who reads (their own messages get Edit and Retract). */
  viewerId: number;
  /** A facilitator: hides messages, reads hidden ones with their reason and earlier texts. */
  moderator: boolean;
  archived: boolean;
  /** Facilitators only: the earlier texts of edited messages. */
  histories: Record<number, MessageVersion[]>;
}) {
  const t = useTranslations('Room');
  const liveLabels = useLiveLabels();
  const dateTime = useDateTime();
  const [messages, setMessages] = useState(initialMessages);
  const [cursor, setCursor] = useState(olderCursor);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [readUpTo, setReadUpTo] = useState(() => initialMessages.at(-1)?.id ?? 0);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const pendingOp = useRef<{ opId: string; body: string } | null>(null);
  const sendingNow = useRef(false);
  const heard = useRef(new Set(initialMessages.map((m) => m.id)));
  const heldWhileSending = useRef<MessageView[]>([]);
  const actorLabel = useActorLabel();
  const messageBox = useRef<HTMLTextAreaElement>(null);
  const wasSeated = useRef(seated);
  const lastTyping = useRef(0);
  const listEnd = useRef<HTMLDivElement>(null);
  const historyStart = useRef<HTMLDivElement>(null);
  const channel = threadChannel(threadId);
  const presence = usePresence(threadId);
  const typing = useTyping(threadId);
  const closed = useChannelClosed(channel);
  const router = useRouter();
  const [archivedLive, setArchivedLive] = useState(false);
  const archived = initiallyArchived || archivedLive;
  const [clock, setClock] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  /** A message changed (edited, retracted, hidden): as this reader may now see it. */
  /** Messages this reader just changed: their events are not read out to them. */
  const changedHere = useRef(new Set<number>());
  const change = useCallback((id: number, patch: Partial<MessageView>) => {
    setMessages((current) => current.map((m) => (m.id === id ? { ...m, ...patch } : m)));
  }, []);

  const add = useCallback((message: MessageView) => {
    setMessages((current) => (current.some((m) => m.id === message.id) ? current : [...current, message].sort((a, b) => a.id - b.id)));
  }, []);

  /** Others' new messages are read out; one's own (its answer may come after its event) never is. */
  const tell = (message: MessageView) => {
    if (heard.current.has(message.id)) return;
    heard.current.add(message.id);
    if (sendingNow.current) heldWhileSending.current.push(message);
    else announce(t('messageFrom', { author: actorLabel(message.author), text: plainText(message.body) }));
  };

  useLiveChannel(channel, since, (event) => {
    const changedId = (event.payload.message as { id?: number } | undefined)?.id;
    const own =
      (event.actor !== null && 'id' in event.actor && event.actor.id === viewerId) ||
      (changedId !== undefined && changedHere.current.has(changedId) && event.type !== 'message.created');
    if (event.type === 'message.created') {
      const message = event.payload.message as MessageView;
      add(message);
      tell(message);
    } else if (event.type === 'message.edited') {
      const { id, body, editedAt } = event.payload.message as { id: number; body: string; editedAt: string };
      change(id, { body, editedAt });
      if (!own) announce(t('moderation.announceEdited', { author: event.actor ? actorLabel(event.actor) : '' }));
    } else if (event.type === 'message.retracted') {
      const { id } = event.payload.message as { id: number };
      change(id, { body: '', removed: 'retracted' });
      if (!own) announce(t('moderation.announceRetracted'));
    } else if (event.type === 'message.hidden') {
      const { id } = event.payload.message as { id: number };
      // A facilitator still reads the text; everyone else loses it at once.
      change(id, moderator ? { removed: 'hidden' } : { body: '', removed: 'hidden' });
      // The reason stays out of the event (every reader gets it): a facilitator reads it from the API.
      if (moderator)
        void apiCall<{ items: MessageView[] }>('GET', `/api/v1/threads/${threadId}/messages?before=${id + 1}&limit=1`).then((answer) => {
          const hidden = answer.ok ? answer.data.items.find((m) => m.id === id) : undefined;
          if (hidden) change(id, { hiddenReason: hidden.hiddenReason, body: hidden.body });
        });
      if (!own) announce(t('moderation.announceHidden'));
    } else if (event.type === 'thread.archived') {
      setArchivedLive(true);
      if (!own) announce(t('moderation.announceArchived'));
      router.refresh();
    } else if (event.type === 'thread.updated') {
      router.refresh();
    }
  });

  useEffect(() => {
    if (seated && !wasSeated.current) messageBox.current?.focus();
    wasSeated.current = seated;
  }, [seated]);

  // Messages arriving while the tab is hidden stay "new" until the reader comes back.
  useEffect(() => {
    const markRead = () => {
      if (document.visibilityState === 'visible') setTimeout(() => setReadUpTo(messages.at(-1)?.id ?? 0), 4000);
    };
    document.addEventListener('visibilitychange', markRead);
    return () => document.removeEventListener('visibilitychange', markRead);
  }, [messages]);

  // Scrolling up to the oldest loaded message loads the page before it.
  useEffect(() => {
    const sentinel = historyStart.current;
    if (!sentinel || !cursor) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void loadOlder();
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
    // loadOlder reads the current cursor; re-observing when it changes is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursor]);

  async function loadOlder() {
    if (!cursor || loadingOlder) return;
    setLoadingOlder(true);
    const response = await fetch(`/api/v1/threads/${threadId}/messages?before=${cursor}&limit=50`);
    setLoadingOlder(false);
    if (!response.ok) return;
    const page = (await response.json()) as { items: MessageView[]; next: string | null };
    setMessages((current) => [...page.items.filter((m) => !current.some((c) => c.id === m.id)).reverse(), ...current]);
    setCursor(page.next);
  }

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendingNow.current) return;
    const body = draft.trim();
    if (!body) {
      setError(t('emptyMessage'));
      return;
    }
    // A retry of the same text reuses its operation id: the server applies it once.
    const op = pendingOp.current?.body === body ? pendingOp.current : { opId: newOpId(), body };
    pendingOp.current = op;
    setSending(true);
    sendingNow.current = true;
    setError(null);
    const answer = liveClient().connected
      ? await liveClient().sendMessage(threadId, body, op.opId)
      : await sendOverHttp(threadId, body, op.opId);
    setSending(false);
    sendingNow.current = false;
    if (answer.ok) heard.current.add(answer.message.id);
    for (const message of heldWhileSending.current.splice(0)) {
      heard.current.delete(message.id);
      tell(message);
    }
    if (answer.ok) {
      pendingOp.current = null;
      add(answer.message);
      setDraft('');
      setReadUpTo(answer.message.id);
      requestAnimationFrame(() => listEnd.current?.scrollIntoView({ block: 'nearest' }));
    } else {
      setError(answer.error === 'rate_limited' ? t('rateLimited') : (answer.fields?.body ?? t('sendFailed')));
    }
  }

  const firstUnread = messages.find((m) => m.id > readUpTo)?.id;
  return (
    <div className="stack">
      <div className="spread small">
        <ConnectionIndicator labels={liveLabels} />
        <span data-testid="presence" aria-live="polite">
          {t('atTheTable', { count: presence.length })}{' '}
          {presence.map((who, i) => (
            <span key={i}>
              {i > 0 ? ', ' : ''}
              <ActorName actor={who} />
            </span>
          ))}
        </span>
      </div>
      {closed ? (
        <p className="alert alert-error" role="alert">
          {t('channelClosed')}
        </p>
      ) : null}
      <div ref={historyStart} />
      {cursor ? (
        <button className="button button-secondary" type="button" onClick={loadOlder} disabled={loadingOlder}>
          {t('loadOlder')}
        </button>
      ) : null}
      {messages.length === 0 ? <p className="empty">{t('noMessages')}</p> : null}
      <ol className="list-plain messages" aria-label={t('messages')} data-testid="messages">
        {messages.map((message) => (
          <li key={message.id} id={`message-${message.id}`}>
            {message.id === firstUnread ? (
              <p className="badge status status-reservations" role="separator" aria-label={t('newMessages')} data-testid="unread-marker">
                {t('newMessages')}
              </p>
            ) : null}
            <article className="message" data-testid="message">
              <header>
                <ActorName actor={message.author} />
                <time dateTime={message.createdAt}>
                  {dateTime(new Date(message.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                </time>
                {message.editedAt && message.removed !== 'retracted' ? (
                  <span data-testid="edited-mark">{t('moderation.edited')}</span>
                ) : null}
              </header>
              {message.removed === 'retracted' ? (
                <p className="message-removed" data-removed="retracted">
                  {t('moderation.retracted')}
                </p>
              ) : message.removed === 'hidden' ? (
                <>
                  <p className="message-removed" data-removed="hidden">
                    {t('moderation.hidden')}
                  </p>
                  {moderator && message.body ? (
                    <div className="message-hidden-note">
                      {message.hiddenReason ? (
                        <p className="small">{t('moderation.hiddenReason', { reason: message.hiddenReason })}</p>
                      ) : null}
                      <Markdown text={message.body} />
                    </div>
                  ) : null}
                </>
              ) : (
                <Markdown text={message.body} />
              )}
              {moderator && histories[message.id]?.length && message.removed !== 'retracted' ? (
                <details className="message-history small">
                  <summary>{t('moderation.earlierVersions')}</summary>
                  <ol className="list-plain">
                    {histories[message.id].map((v, i) => (
                      <li key={i}>
                        <time dateTime={v.writtenAt}>{dateTime(new Date(v.writtenAt), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                        <Markdown text={v.body} />
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
              <MessageActions
                message={message}
                mine={message.mine === true}
                moderator={moderator}
                editable={!archived && clock - Date.parse(message.createdAt) < EDIT_WINDOW_MS}
                archived={archived}
                onChanged={(updated) => {
                  changedHere.current.add(updated.id);
                  change(updated.id, updated);
                }}
              />
            </article>
          </li>
        ))}
      </ol>
      <div ref={listEnd} />
      <p className="small muted" aria-live="polite" data-testid="typing">
        {typing.length > 0 ? t('typing', { count: typing.length }) : '\u00a0'}
      </p>
      {archivedLive && !initiallyArchived ? (
        <p className="alert alert-warn" role="status" data-testid="archived-notice">
          {t('moderation.archivedNow')}
        </p>
      ) : null}
      {archived ? null : canPost ? (
        <form className="form" onSubmit={send} noValidate>
          <div className="field">
            <label htmlFor="message-body">{t('yourMessage')}</label>
            <span className="hint" id="message-hint">
              {t('markdownHint')}
            </span>
            <textarea
              ref={messageBox}
              id="message-body"
              name="body"
              value={draft}
              maxLength={4000}
              aria-describedby={error ? 'message-hint message-error' : 'message-hint'}
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setDraft(event.target.value);
                if (Date.now() - lastTyping.current > 2500) {
                  lastTyping.current = Date.now();
                  liveClient().typing(threadId);
                }
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) event.currentTarget.form?.requestSubmit();
              }}
            />
            {error ? (
              <span className="error" id="message-error" role="alert">
                {error}
              </span>
            ) : null}
          </div>
          <div>
            <SubmitButton className="button" pending={sending}>
              {t('send')}
            </SubmitButton>
          </div>
        </form>
      ) : (
        <p className="muted small">{t('readOnly')}</p>
      )}
    </div>
  );
}

/** A message as words to be heard: Markdown marks dropped, long texts cut. */
function plainText(markdown: string): string {
  const text = markdown
    .replace(/[*_`#>]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

async function sendOverHttp(
  threadId: number,
  body: string,
  opId: string,
): Promise<{ ok: true; message: MessageView } | { ok: false; error: string; fields?: Record<string, string> }> {
  try {
    const response = await fetch(`/api/v1/threads/${threadId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': opId },
      body: JSON.stringify({ body }),
    });
    const json = await response.json();
    return response.ok ? { ok: true, message: json } : { ok: false, error: json.error?.code ?? 'failed', fields: json.error?.fields };
  } catch {
    return { ok: false, error: 'offline' };
  }
}
