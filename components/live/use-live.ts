'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { PublicActor, PublicEvent } from '@/lib/events/types';
import { liveClient, type LiveStatus } from './live-client';

/**
 * Calls `onEvent` for every event of the channel after `since` (the last event the server-rendered
 * page reflects), in order, once each. A later `since` (after a refresh) changes nothing: the
 * channel already knows where it is.
 */
export function useLiveChannel(channel: string, since: number, onEvent: (event: PublicEvent) => void): void {
  const handler = useRef(onEvent);
  const initialSince = useRef(since);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => liveClient().join(channel, initialSince.current, (event) => handler.current(event)), [channel]);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => liveClient().onStatus(listener),
    () => liveClient().status,
    () => 'connecting',
  );
}

export function usePresence(threadId: number): PublicActor[] {
  const [participants, setParticipants] = useState<PublicActor[]>([]);
  useEffect(() => liveClient().onPresence(threadId, setParticipants), [threadId]);
  return participants;
}

/** Who typed in the last few seconds. */
export function useTyping(threadId: number): PublicActor[] {
  const [typing, setTyping] = useState<{ who: PublicActor; until: number }[]>([]);
  useEffect(() => {
    const stop = liveClient().onTyping(threadId, (who) => {
      const key = JSON.stringify(who);
      setTyping((current) => [...current.filter((t) => JSON.stringify(t.who) !== key), { who, until: Date.now() + 4000 }]);
    });
    const timer = setInterval(
      () => setTyping((current) => (current.some((t) => t.until < Date.now()) ? current.filter((t) => t.until >= Date.now()) : current)),
      1000,
    );
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [threadId]);
  return typing.map((t) => t.who);
}

/** A channel the server closed (membership removed) or refused. */
export function useChannelClosed(channel: string): string | null {
  const [reason, setReason] = useState<string | null>(null);
  useEffect(() => liveClient().onChannelClosed((closed, why) => closed === channel && setReason(why)), [channel]);
  return reason;
}
