'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from '@/i18n/locales';
import { getViewer } from '@/lib/auth/current';
import { setOwnLocale } from '@/lib/services/notifications/inbox';

export async function setLocale(form: FormData): Promise<void> {
  // A script may call an action with anything: only the switcher's form changes the language.
  if (!(form instanceof FormData)) return;
  const locale = form.get('locale');
  if (typeof locale !== 'string' || !isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
  // Signed in: emails and live notifications follow the same choice.
  const viewer = await getViewer();
  if (viewer) await setOwnLocale(viewer, { locale });
}
