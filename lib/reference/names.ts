import kk from '@/i18n/reference-names/kk.json';
import ky from '@/i18n/reference-names/ky.json';
import tg from '@/i18n/reference-names/tg.json';
import tk from '@/i18n/reference-names/tk.json';
import uz from '@/i18n/reference-names/uz.json';
import { isLocale, type Locale } from '@/i18n/locales';
import { listPartners, listStates, listTopics, type NamedCode } from './reference';

export interface ReferenceNames {
  states: Record<string, string>;
  partners: Record<string, string>;
  topics: Record<string, string>;
}

/**
 * The region's languages name the reference lists in `i18n/reference-names/<locale>.json`; English
 * and Russian names live in the database rows. A partner or topic added later and not yet
 * translated shows its English name.
 */
const TRANSLATED: Record<Exclude<Locale, 'en' | 'ru'>, ReferenceNames> = { kk, ky, tg, tk, uz };

function byCode(rows: NamedCode[], locale: Locale, kind: keyof ReferenceNames): Record<string, string> {
  return Object.fromEntries(
    rows.map((r) => [r.code, locale === 'ru' ? r.nameRu : locale === 'en' ? r.nameEn : (TRANSLATED[locale][kind][r.code] ?? r.nameEn)]),
  );
}

/** Names of states, partners and topics in the reader's language (partners and topics can grow). */
export async function referenceNames(locale: string): Promise<ReferenceNames> {
  const l: Locale = isLocale(locale) ? locale : 'en';
  const [states, partners, topics] = await Promise.all([listStates(), listPartners(), listTopics()]);
  return { states: byCode(states, l, 'states'), partners: byCode(partners, l, 'partners'), topics: byCode(topics, l, 'topics') };
}
