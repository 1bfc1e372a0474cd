'use client';

import { useSyncExternalStore } from 'react';

interface Announcement {
  id: number;
  text: string;
}

const KEPT = 5;
const EMPTY: Announcement[] = [];
let announcements: Announcement[] = EMPTY;
let queued: string[] = [];
let flush: ReturnType<typeof setTimeout> | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

/**
 * Says in words, through the page's one polite live region, what someone else just did. What
 * arrives together (a stance and the status it moved) is read as one sentence.
 */
export function announce(text: string): void {
  queued.push(text);
  if (flush) return;
  flush = setTimeout(() => {
    flush = null;
    announcements = [...announcements, { id: nextId++, text: queued.join(' ') }].slice(-KEPT);
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
