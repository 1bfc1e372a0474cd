import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Viewer } from '../access/viewer';
import { authenticate } from './authenticate';

/** The signed-in participant for this request (cached per request), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const auth = await authenticate({ cookieHeader: (await headers()).get('cookie') });
  return auth?.via === 'session' ? auth.viewer : null;
});

/** For pages and server actions that need a participant: signed-out visitors go to sign in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect('/signin');
  return viewer;
}
