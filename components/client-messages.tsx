import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';

/** Namespaces every page's client components use (actor names, stance marks, the connection). */
export const SHARED_CLIENT_NAMESPACES = ['Common', 'Live'];

/**
 * Hands client components only the message namespaces they use: messages travel in every page's
 * RSC payload, so the whole catalogue on every page would cost tens of kilobytes.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: string[]; children: ReactNode }) {
  const messages = await getMessages();
  const picked = Object.fromEntries([...SHARED_CLIENT_NAMESPACES, ...namespaces].map((ns) => [ns, messages[ns]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
