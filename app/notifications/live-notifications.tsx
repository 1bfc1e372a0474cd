'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { liveClient } from '@/components/live/live-client';

/** The list shows a new notification as it arrives (the bell says it in words). */
export function LiveNotifications() {
  const router = useRouter();
  useEffect(() => liveClient().onNotification(() => router.refresh()), [router]);
  return null;
}
