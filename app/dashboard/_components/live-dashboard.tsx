'use client';

import { DASHBOARD_CHANNEL } from '@/lib/realtime/channels';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { announce } from '@/components/live/announcer';
import { describeChange, fill, type ChangeWords } from '@/components/live/describe-change';
import type { LiveStatus } from '@/components/live/live-client';
import { CA_STATES, type StateCode } from '@/lib/consensus/codes';
import { useLiveChannel } from '@/components/live/use-live';
import { markChangedRows } from './changed-rows';

/**
 * Keeps the server-rendered dashboard current through the `dashboard` channel: events refresh the
 * page (server components re-render, no reload), changes are announced in words with the
 * initiative they belong to, and the cells and rows that changed flash briefly and say so in text.
 * Leaving the page records how far the participant has seen ("changed since your last visit").
 */
export function LiveDashboard({
  since,
  lastEventId,
  labels,
  words,
  viewerId,
}: {
  since: number;
  lastEventId: number;
  labels: Record<LiveStatus, string>;
  words: ChangeWords;
  viewerId: number;
}) {
  const router = useRouter();
  const pending = useRef(new Set<string>());
  const rows = useRef(new Set<number>());
  const told = useRef(new Map<number, { title?: string; changes: string[] }>());
  const tellTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** What arrives together for one initiative (a stance and the status it moved) is said in one sentence, its title once. */
  const tell = (initiativeId: number, change: string, proposedTitle?: string) => {
    const entry = told.current.get(initiativeId) ?? { title: proposedTitle, changes: [] };
    entry.changes.push(change);
    told.current.set(initiativeId, entry);
    tellTimer.current ??= setTimeout(() => {
      tellTimer.current = null;
      for (const [id, { title, changes }] of told.current) {
        // The title as the initiative's row shows it; a just-proposed one brings it in its event.
        const name = document.querySelector(`[data-row="${id}"] th a`)?.textContent ?? title;
        if (name) announce(fill(words.about, { initiative: name, change: changes.join(' ') }));
      }
      told.current.clear();
    }, 200);
  };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seen = useRef(lastEventId);

  useLiveChannel(DASHBOARD_CHANNEL, since, (event) => {
    seen.current = Math.max(seen.current, event.id);
    if (event.initiativeId === null) return;
    const change = describeChange(event, words, viewerId);
    if (change) tell(event.initiativeId, change, (event.payload as { title?: string }).title);
    rows.current.add(event.initiativeId);
    const state = (event.payload as { state?: string }).state;
    const column = state ? CA_STATES.indexOf(state as StateCode) : -1;
    // A cell is its row's (state index + 3)th child: initiative, status, then the five states; implementation last.
    pending.current.add(
      event.type.startsWith('implementation.')
        ? `[data-row="${event.initiativeId}"] > [data-implementation]`
        : column >= 0
          ? `[data-row="${event.initiativeId}"] > :nth-child(${column + 3})`
          : `[data-row="${event.initiativeId}"]`,
    );
    // Coalesce bursts: one refresh for many events.
    if (!timer.current) {
      timer.current = setTimeout(() => {
        timer.current = null;
        router.refresh();
      }, 300);
    }
  });

  // After each refresh (a new lastEventId), flash what changed.
  useEffect(() => {
    const selectors = [...pending.current];
    pending.current.clear();
    markChangedRows([...rows.current]);
    rows.current.clear();
    for (const selector of selectors) {
      document.querySelectorAll<HTMLElement>(selector).forEach((element) => {
        element.dataset.flash = 'true';
        setTimeout(() => delete element.dataset.flash, 4000);
      });
    }
  }, [lastEventId]);

  useEffect(() => {
    const save = () => {
      navigator.sendBeacon(
        '/api/v1/me/dashboard-seen',
        new Blob([JSON.stringify({ eventId: seen.current })], { type: 'application/json' }),
      );
    };
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      save();
    };
  }, []);

  return <ConnectionIndicator labels={labels} />;
}
