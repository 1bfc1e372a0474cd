'use client';

import { useSyncExternalStore } from 'react';

interface Announcement {
  id: number;
  text: string;
}

const KEPT = 5;
const EMPTY: Announcement[] = [];
let announcements: Announcement[] = EMPTY;
let queued: { text: string; alone: boolean }[] = [];
let flush: ReturnType<typeof setTimeout> | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

/**
 * Says in words, through the page's one polite live region, what someone else just did. What
 * arrives together (a stance and the status it moved) is read as one sentence; what is said
 * `alone` (a new notification) comes as its own line after it, never inside it.
 */
export function announce(text: string, { alone = false }: { alone?: boolean } = {}): void {
  queued.push({ text, alone });
  if (flush) return;
  flush = setTimeout(() => {
    flush = null;
    const together = queued.filter((q) => !q.alone).map((q) => q.text);
    const lines = [...(together.length ? [together.join(' ')] : []), ...queued.filter((q) => q.alone).map((q) => q.text)];
    announcements = [...announcements, ...lines.map((text) => ({ id: nextId++, text }))].slice(-KEPT);
    queued = [];
    for (const listener of listeners) listener();
  }, 250);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The live region itself, once per page (in the layout): visually hidden, each announcement added as a new line. */
export function Announcer({ label }: { label: string }) {
  const items = useSyncExternalStore(
    subscribe,
    () => announcements,
    () => EMPTY,
  );
  return (
    <div role="log" aria-live="polite" aria-label={label} className="vh" data-testid="announcements">
      {items.map((item) => (
        <p key={item.id}>{item.text}</p>
      ))}
    </div>
  );
}
