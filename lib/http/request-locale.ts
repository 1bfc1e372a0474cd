import { sql } from 'drizzle-orm';
import { db } from '../../db/client';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from '@/i18n/locales';
import type { Viewer } from '../access/viewer';

/** The language of an API answer's words: the switcher's cookie, else one's saved language, else Accept-Language. */
export async function requestLocale(headers: Headers, viewer?: Pick<Viewer, 'id'>): Promise<Locale> {
  const cookie = headers
    .get('cookie')
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  if (isLocale(cookie)) return cookie;
  if (viewer) {
    const saved = (await db().get<{ locale: string | null }>(sql`SELECT locale FROM participants WHERE id = ${viewer.id}`))?.locale;
    if (isLocale(saved)) return saved;
  }
  return localeFromAcceptLanguage(headers.get('accept-language'));
}
