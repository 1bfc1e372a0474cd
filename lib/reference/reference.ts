import { prepared } from '../../db/client';

export interface NamedCode {
  code: string;
  nameEn: string;
  nameRu: string;
}

export function listPartners(): NamedCode[] {
  return prepared('SELECT code, name_en AS nameEn, name_ru AS nameRu FROM partners ORDER BY code').all() as NamedCode[];
}

export function listTopics(): NamedCode[] {
  return prepared('SELECT slug AS code, name_en AS nameEn, name_ru AS nameRu FROM topics ORDER BY slug').all() as NamedCode[];
}

export function listStates(): NamedCode[] {
  return prepared('SELECT code, name_en AS nameEn, name_ru AS nameRu FROM states ORDER BY sort').all() as NamedCode[];
}

/** Codes that are not in the seeded list (partners and topics are extensible, so checked here). */
export function unknownPartners(codes: readonly string[]): string[] {
  if (codes.length === 0) return [];
  const known = new Set(listPartners().map((p) => p.code));
  return codes.filter((c) => !known.has(c));
}

export function topicExists(slug: string): boolean {
  return prepared('SELECT 1 FROM topics WHERE slug = ?').get(slug) !== undefined;
}
