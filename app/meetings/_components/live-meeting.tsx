'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';
import { announce } from '@/components/live/announcer';
import { ConnectionIndicator } from '@/components/live/connection-indicator';
import { useLiveLabels } from '@/components/live/use-live-labels';
import { useLiveChannel } from '@/components/live/use-live';
import { DASHBOARD_CHANNEL } from '@/lib/realtime/channels';

/** The words for what happens to a meeting, translated on the server ({state} and {version} filled in here). */
export interface MeetingWords {
  drafted: string;
  approved: string;
  released: string;
  updated: string;
  agendaChanged: string;
  states: Record<string, string>;
}

/**
 * Keeps a meeting page current: its own events (edits, readout drafted, approved, released) and
 * those of its agenda's initiatives refresh it; its own events are told in words, others' only.
 */
export function LiveMeeting({
  meetingId,
  agendaTitles,
  since,
  viewerId,
  words,
  children,
}: {
  meetingId: number;
  /** The agenda's initiatives by id: their changes refresh the page, a change of status is told with the title. */
  agendaTitles: Record<number, string>;
  since: number;
  viewerId: number;
  words: MeetingWords;
  children: ReactNode;
}) {
  const router = useRouter();
  const liveLabels = useLiveLabels();
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  useLiveChannel(DASHBOARD_CHANNEL, since, (event) => {
    const payload = event.payload as { meetingId?: number; state?: string; version?: number; title?: string };
    const ours = payload.meetingId === meetingId;
    const agendaTitle = event.initiativeId !== null ? agendaTitles[event.initiativeId] : undefined;
    if (!ours && agendaTitle === undefined) return;
    const mine = event.actor !== null && 'id' in event.actor && event.actor.id === viewerId;
    if (!mine) {
      const fill = (text: string) =>
        text
          .replace('{state}', words.states[payload.state ?? ''] ?? payload.state ?? '')
          .replace('{version}', String(payload.version ?? ''));
      const told =
        !ours && event.type === 'status.changed'
          ? words.agendaChanged.replace('{title}', agendaTitle ?? '')
          : ours
            ? (
                {
                  'readout.drafted': words.drafted,
                  'readout.approved': words.approved,
                  'readout.released': words.released,
                  'meeting.updated': words.updated,
                } as Partial<Record<string, string>>
              )[event.type]
            : undefined;
      if (told) announce(fill(told));
    }
    if (refresh.current) clearTimeout(refresh.current);
    refresh.current = setTimeout(() => router.refresh(), 50);
  });
  useEffect(
    () => () => {
      if (refresh.current) clearTimeout(refresh.current);
    },
    [],
  );

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <ConnectionIndicator labels={liveLabels} />
      </div>
      {children}
    </>
  );
}
