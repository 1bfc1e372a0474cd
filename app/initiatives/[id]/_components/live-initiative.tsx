'use client';

import { threadChannel } from '@/lib/realtime/channels';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { announce } from '@/components/live/announcer';
import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { describeChange, type ChangeWords } from '@/components/live/describe-change';
import { useLiveLabels } from '@/components/live/use-live-labels';
import { useLiveChannel } from '@/components/live/use-live';

const Changed = createContext<{ states: ReadonlySet<string>; label: string }>({ states: new Set(), label: '' });

/**
 * Keeps the server-rendered initiative page current: events of this initiative refresh it
 * (server components re-render, no reload), what others changed is announced in words, and the
 * states that moved are marked for a moment (by colour and by text).
 */
export function LiveInitiative({
  threadId,
  initiativeId,
  since,
  viewerId,
  words,
  children,
}: {
  threadId: number;
  initiativeId: number;
  since: number;
  viewerId: number;
  words: ChangeWords;
  children: ReactNode;
}) {
  const router = useRouter();
  const liveLabels = useLiveLabels();
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clear = useRef<ReturnType<typeof setTimeout> | null>(null);

  useLiveChannel(threadChannel(threadId), since, (event) => {
    if (event.initiativeId !== initiativeId) return;
    const state = (event.payload as { state?: string }).state;
    if (state) setChanged((current) => new Set([...current, state]));
    const told = describeChange(event, words, viewerId);
    if (told) announce(told);
    if (refresh.current) clearTimeout(refresh.current);
    refresh.current = setTimeout(() => router.refresh(), 50);
    if (clear.current) clearTimeout(clear.current);
    clear.current = setTimeout(() => setChanged(new Set()), 4000);
  });
  useEffect(
    () => () => {
      if (refresh.current) clearTimeout(refresh.current);
      if (clear.current) clearTimeout(clear.current);
    },
    [],
  );

  return (
    <Changed.Provider value={{ states: changed, label: words.changed }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <ConnectionIndicator labels={liveLabels} />
      </div>
      {children}
    </Changed.Provider>
  );
}

/** A state's row of the stances table, flashed for a moment after it changed. */
export function LiveStanceRow({ state, children }: { state: string; children: ReactNode }) {
  const changed = useContext(Changed).states.has(state);
  return (
    <tr data-state={state} data-changed={changed || undefined} className={changed ? 'just-changed' : undefined}>
      {children}
    </tr>
  );
}

/** The same moment in words, beside the state's name, so the change is not told by colour alone. */
export function ChangedMark({ state }: { state: string }) {
  const { states, label } = useContext(Changed);
  return states.has(state) ? <span className="badge badge-changed">{label}</span> : null;
}
