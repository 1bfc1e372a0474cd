'use client';

import { threadChannel } from '@/lib/realtime/channels';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { useLiveLabels } from '@/components/live/use-live-labels';
import { useLiveChannel } from '@/components/live/use-live';

const Changed = createContext<ReadonlySet<string>>(new Set());

/**
 * Keeps the server-rendered initiative page current: events of this initiative refresh it
 * (server components re-render, no reload) and the states that moved are marked for a moment.
 */
export function LiveInitiative({
  threadId,
  initiativeId,
  since,
  children,
}: {
  threadId: number;
  initiativeId: number;
  since: number;
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
    <Changed.Provider value={changed}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <ConnectionIndicator labels={liveLabels} />
      </div>
      {children}
    </Changed.Provider>
  );
}

export function LiveStanceRow({ state, children }: { state: string; children: ReactNode }) {
  const changed = useContext(Changed).has(state);
  return (
    <tr data-state={state} data-changed={changed || undefined} className={changed ? 'just-changed' : undefined}>
      {children}
    </tr>
  );
}
