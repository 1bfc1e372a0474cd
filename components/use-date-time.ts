'use client';

import { useFormatter, useLocale } from 'next-intl';
import { TIME_ZONE } from '@/i18n/locales';

/**
 * Languages whose dates Chromium cannot spell (its date data has no Kyrgyz, Tajik or Turkmen, and
 * only "2026 M11 18" for Kazakh and Uzbek; Node's has them all): client components show their dates
 * in digits, identically on the server's pass and in the browser, rather than differently after
 * hydration.
 */
const DIGITS_ONLY = new Set(['kk', 'ky', 'tg', 'tk', 'uz']);

/** Whether a client component may spell dates in this language (see DIGITS_ONLY). */
export const spellsDates = (locale: string): boolean => !DIGITS_ONLY.has(locale);

/** `format.dateTime` for client components, the same on the server and in every browser. */
export function useDateTime(): (date: Date, options: { dateStyle?: 'medium'; timeStyle?: 'short'; timeZone?: string }) => string {
  const format = useFormatter();
  const locale = useLocale();
  if (spellsDates(locale)) return (date, options) => format.dateTime(date, options);
  return (date, { timeStyle, timeZone }) =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timeZone ?? TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(timeStyle ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    })
      .format(date)
      .replaceAll('/', '.');
}
