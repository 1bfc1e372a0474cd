import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '../../i18n/locales';
import { flatten, shapeOf, type Messages } from './catalogue';

/**
 * No string is missing in any language: every key of the English catalogue in every locale, with
 * the same arguments and tags, the plural branches the locale's own rules need (CLDR: Russian has
 * one, few, many and other), the same select branches, and no English left where a translation
 * belongs (names and codes excepted).
 */
const root = path.resolve(import.meta.dirname, '../..');
const catalogue = (locale: Locale) =>
  flatten(JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Messages);
const english = catalogue('en');

/** Words that stay as they are in every language: names, codes, formats, keys and other programs' menus. */
const UNTRANSLATED = [
  // Outlook and Google have no menus in every language of the region: their English names are what the reader sees.
  /Add calendar → From internet|Other calendars → From URL/g,
  /Authorization: Bearer <token>/g,
  /\b(?:Chaikhana|Chatham House|Markdown|CSV|JSON|API|ICS|Outlook|Google|CA-\d|KZ|KG|TJ|TM|UZ|EU|UN|JP|KR|URL|ad referendum|Ctrl\+Enter)\b/g,
  // What an API client types as it is (error messages name the JSON fields and values they expect).
  /\b(?:callbackUrl|threadId|initiativeId|ids|all|true|false|null|Idempotency-Key|UTF-8|http\(s\))(?![\w-])/g,
];
/** Words a language shares with English (the same word, not a leftover). */
const SHARED_WORDS: Partial<Record<Locale, string[]>> = { tk: ['format'], uz: ['format'] };

/** The English words of a message's literal text (what a reader would see untranslated). */
const englishWords = (text: string) =>
  UNTRANSLATED.reduce((rest, pattern) => rest.replace(pattern, ' '), text)
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length >= 3);

describe.each(LOCALES.filter((l) => l !== 'en'))('the %s catalogue', (locale) => {
  const translated = catalogue(locale);

  it('has every English key, and no other', () => {
    expect([...english.keys()].filter((key) => !translated.has(key))).toEqual([]);
    expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('keeps every message’s arguments, tags and select branches, with the plural branches of its own language', () => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [key, source] of english) {
      const target = translated.get(key);
      if (target === undefined) continue;
      let shape;
      try {
        shape = shapeOf(target);
      } catch (error) {
        problems.push(`${key}: does not parse (${(error as Error).message})`);
        continue;
      }
      const want = shapeOf(source);
      if ([...want.arguments].sort().join() !== [...shape.arguments].sort().join())
        problems.push(`${key}: arguments ${[...shape.arguments]} instead of ${[...want.arguments]}`);
      if ([...want.tags].sort().join() !== [...shape.tags].sort().join())
        problems.push(`${key}: tags ${[...shape.tags]} instead of ${[...want.tags]}`);
      for (const [argument, branches] of want.plurals) {
        const got = shape.plurals.get(argument);
        if (!got) {
          problems.push(`${key}: ${argument} is not a plural`);
          continue;
        }
        const missing = needed.filter((category) => !got.categories.has(category));
        if (missing.length) problems.push(`${key}: plural ${argument} lacks ${missing.join(', ')}`);
        const exact = [...branches.exact].filter((branch) => !got.exact.has(branch));
        if (exact.length) problems.push(`${key}: plural ${argument} lacks ${exact.join(', ')}`);
      }
      for (const [argument, branches] of want.selects) {
        const got = shape.selects.get(argument) ?? new Set();
        const missing = [...branches].filter((branch) => !got.has(branch));
        if (missing.length) problems.push(`${key}: select ${argument} lacks ${missing.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('leaves no English where a translation belongs', () => {
    const untranslated: string[] = [];
    for (const [key, source] of english) {
      const target = translated.get(key);
      if (target === undefined) continue;
      const theirs = new Set(englishWords(shapeOf(target).text).map((w) => w.toLowerCase()));
      const ours = englishWords(shapeOf(source).text).map((w) => w.toLowerCase());
      // An English word of the source still standing in the translation (Latin-script languages
      // share letters with English, so only the source's own words count).
      const left = ours.filter((word) => theirs.has(word) && word.length >= 4 && !SHARED_WORDS[locale]?.includes(word));
      if (left.length >= 2 || (ours.length === 1 && left.length === 1)) untranslated.push(`${key}: "${target}"`);
    }
    expect(untranslated).toEqual([]);
  });
});
