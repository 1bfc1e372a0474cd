import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import en from '../../messages/en.json';
import { LOCALES } from '../../i18n/locales';
import { conflict, invalid, translateError, type ErrorKey } from '../errors';
import { createThreadInput } from '../validation/threads';
import { fieldProblems, parseInput } from '../validation/common';
import { registerInput } from '../validation/participants';

/**
 * Error messages come from the `Errors` catalogue namespace: a key thrown in code is a key of
 * en.json (tsc checks `ErrorKey`; this test also reads the code), every key is used somewhere, and
 * every message renders in every language without falling back to English.
 */
const root = path.resolve(import.meta.dirname, '../..');
const keys = Object.keys(en.Errors) as ErrorKey[];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [rel] : [];
  });
}
const code = ['lib', 'app', 'db'].flatMap(sources).map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
const zodDefaults: ErrorKey[] = ['required', 'wrongType', 'wholeNumber', 'tooShort', 'tooLong', 'tooFewItems', 'tooManyItems'];

/** Every sample value a message may take: numbers for counts, a code for the rest. */
const SAMPLE: Record<string, string | number> = { kb: 100, seconds: 30, minutes: 15, days: 90, n: 2, min: 2, max: 5, what: 'messages' };
const sampleParams = (message: string) =>
  Object.fromEntries([...message.matchAll(/\{(\w+)/g)].map(([, name]) => [name, SAMPLE[name] ?? 'KZ']));

describe('error messages', () => {
  it('every key thrown or named in code is in en.json', () => {
    const named = code.flatMap((text) =>
      [
        ...text.matchAll(/\b(?:notFound|forbidden|conflict|invalid|rateLimited|errorText|msg)\(\s*'(\w+)'/g),
        ...text.matchAll(/\bappError\(\s*'\w+',\s*'(\w+)'/g),
      ].map((m) => m[1]),
    );
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter((key) => !(key in en.Errors))).toEqual([]);
  });

  it('every key of the Errors namespace is used in code', () => {
    const unused = keys.filter((key) => !zodDefaults.includes(key) && !code.some((text) => text.includes(`'${key}'`)));
    expect(unused).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('every message renders in %s, in its own words', (locale) => {
    const problems: string[] = [];
    for (const key of keys) {
      const params = sampleParams(en.Errors[key]);
      const english = translateError('en', { key, params });
      const translated = translateError(locale, { key, params });
      if (!translated || translated === english) problems.push(`${key}: "${translated}"`);
    }
    expect(problems).toEqual([]);
  });

  it('zod’s own checks answer with our keys and their numbers, in the reader’s language', () => {
    const parsed = createThreadInput.safeParse({ title: 'x'.repeat(201), topic: 'water', summary: 3, visibility: 'secret', extra: 1 });
    expect(parsed.success).toBe(false);
    const problems = fieldProblems(parsed.error!);
    expect(problems.title).toEqual({ key: 'tooLong', params: { max: 200 } });
    expect(problems.summary).toEqual({ key: 'wrongType', params: { expected: 'string' } });
    expect(problems.visibility).toEqual({ key: 'oneOf', params: { options: 'open, discreet' } });
    expect(problems.extra).toEqual({ key: 'unknownField' });

    const error = (() => {
      try {
        parseInput(registerInput, { email: 'not-an-email', password: 'short' });
      } catch (e) {
        return e as ReturnType<typeof invalid>;
      }
    })()!;
    expect(error.fields).toMatchObject({ email: 'Enter a valid email address', password: 'At least 10 characters', name: 'Required' });
    const ru = error.toBody('ru').error;
    expect(ru.message).toBe('Некоторые поля заполнены неверно');
    expect(ru.fields).toMatchObject({ password: 'Не менее 10 символов', name: 'Обязательное поле' });
    expect(error.toBody('ky').error.fields?.email).toBe('Туура электрондук почта дарегин киргизиңиз');
  });

  it('an AppError keeps its English message, and its body follows the locale', () => {
    const error = conflict('stateAlreadyIn', { state: 'KZ' });
    expect(error.message).toBe('KZ already takes part in this initiative');
    expect(error.toBody()).toEqual({ error: { code: 'conflict', message: 'KZ already takes part in this initiative' } });
    expect(error.toBody('ky').error.message).toBe('Бул демилгеге мурунтан эле катышат: KZ');
    // A plain string that is not a key never reaches the schema layer: zod’s defaults are keys too.
    expect(z.string().safeParse(1).error!.issues[0].message).toBe('wrongType');
  });
});
