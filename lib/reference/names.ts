import type { Locale } from '@/i18n/locales';
import { listPartners, listStates, listTopics, type NamedCode } from './reference';

export interface ReferenceNames {
  states: Record<string, string>;
  partners: Record<string, string>;
  topics: Record<string, string>;
}

const byCode = (rows: NamedCode[], locale: Locale) => Object.fromEntries(rows.map((r) => [r.code, locale === 'ru' ? r.nameRu : r.nameEn]));

/** Names of states, partners and topics in the reader's language (partners and topics can grow). */
export async function referenceNames(locale: string): Promise<ReferenceNames> {
  const l: Locale = locale === 'ru' ? 'ru' : 'en';
  const [states, partners, topics] = await Promise.all([listStates(), listPartners(), listTopics()]);
  return { states: byCode(states, l), partners: byCode(partners, l), topics: byCode(topics, l) };
}
