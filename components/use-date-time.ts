'use client';

import { useFormatter, useLocale } from 'next-intl';
import { TIME_ZONE } from '@/i18n/locales';

/**
 * Languages whose dates Chromium cannot spell (its date data has no Kyrgyz, Tajik or Turkmen,
 * Node's has): client components show their dates in digits, identically on the server's pass and
 * in the browser, rather than in English after hydration.
 */
const DIGITS_ONLY = new Set(['ky', 'tg', 'tk']);

/** `format.dateTime` for client components, the same on the server and in every browser. */
export function useDateTime(): (date: Date, options: { dateStyle?: 'medium'; timeStyle?: 'short'; timeZone?: string }) => string {
  const format = useFormatter();
  const locale = useLocale();
  if (!DIGITS_ONLY.has(locale)) return (date, options) => format.dateTime(date, options);
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
