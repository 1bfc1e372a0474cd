import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, TIME_ZONE } from './locales';

/** The language comes from the switcher's cookie, else from the browser's Accept-Language. */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : localeFromAcceptLanguage((await headers()).get('accept-language'));
  return {
    locale,
    timeZone: TIME_ZONE,
    now: new Date(),
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
