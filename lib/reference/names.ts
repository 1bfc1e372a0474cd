import type { Locale } from '@/i18n/locales';
import { listPartners, listStates, listTopics, type NamedCode } from './reference';

export interface ReferenceNames {
  states: Record<string, string>;
  partners: Record<string, string>;
  topics: Record<string, string>;
}

const byCode = (rows: NamedCode[], locale: Locale) => Object.fromEntries(rows.map((r) => [r.code, locale === 'ru' ? r.nameRu : r.nameEn]));

/** Names of states, partners and topics in the reader's language (partners and topics can grow). */
export function referenceNames(locale: string): ReferenceNames {
  const l: Locale = locale === 'ru' ? 'ru' : 'en';
  return { states: byCode(listStates(), l), partners: byCode(listPartners(), l), topics: byCode(listTopics(), l) };
}
