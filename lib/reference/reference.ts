import { asc, eq, inArray } from 'drizzle-orm';
import { db } from '../../db/client';
import { tables } from '../../db/schema';

export interface NamedCode {
  code: string;
  nameEn: string;
  nameRu: string;
}

const { partners, states, topics } = tables;

export function listPartners(): Promise<NamedCode[]> {
  return db()
    .orm.select({ code: partners.code, nameEn: partners.nameEn, nameRu: partners.nameRu })
    .from(partners)
    .orderBy(asc(partners.code));
}

export function listTopics(): Promise<NamedCode[]> {
  return db().orm.select({ code: topics.slug, nameEn: topics.nameEn, nameRu: topics.nameRu }).from(topics).orderBy(asc(topics.slug));
}

export function listStates(): Promise<NamedCode[]> {
  return db().orm.select({ code: states.code, nameEn: states.nameEn, nameRu: states.nameRu }).from(states).orderBy(asc(states.sort));
}

/** Codes that are not in the seeded list (partners and topics are extensible, so checked here). */
export async function unknownPartners(codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const known = await db()
    .orm.select({ code: partners.code })
    .from(partners)
    .where(inArray(partners.code, [...codes]));
  const found = new Set(known.map((p) => p.code));
  return codes.filter((c) => !found.has(c));
}

export async function topicExists(slug: string): Promise<boolean> {
  const rows = await db().orm.select({ slug: topics.slug }).from(topics).where(eq(topics.slug, slug)).limit(1);
  return rows.length > 0;
}
