import { createTranslator } from 'next-intl';
import en from '@/messages/en.json';
import kk from '@/messages/kk.json';
import ky from '@/messages/ky.json';
import ru from '@/messages/ru.json';
import tg from '@/messages/tg.json';
import tk from '@/messages/tk.json';
import uz from '@/messages/uz.json';
import { TIME_ZONE, type Locale } from '@/i18n/locales';

/** Translation outside React (notifications, emails, error messages), over the same catalogues as the pages. */
const MESSAGES: Record<Locale, typeof en> = { en, ru, kk, ky, tg, tk, uz };

export type ServerNamespace = 'Notifications' | 'Email' | 'Errors';

function makeTranslator<N extends ServerNamespace>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: TIME_ZONE });
}

/** A translator per locale and namespace, made once: it caches its compiled messages. */
const translators = new Map<string, unknown>();
export function translator<N extends ServerNamespace>(locale: Locale, namespace: N): ReturnType<typeof makeTranslator<N>> {
  const key = `${locale}:${namespace}`;
  if (!translators.has(key)) translators.set(key, makeTranslator(locale, namespace));
  return translators.get(key) as ReturnType<typeof makeTranslator<N>>;
}
