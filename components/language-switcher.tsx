import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/i18n/locales';
import { setLocale } from './set-locale-action';

/**
 * The language menu: the current language in its own name, opening onto all seven, each in its
 * own name and marked with its language. A disclosure (no script needed); each choice posts to a
 * server action that keeps it in a cookie.
 */
export async function LanguageSwitcher() {
  const locale = (await getLocale()) as Locale;
  const t = await getTranslations('Layout');
  return (
    <details className="language-menu">
      <summary>
        <span className="visually-hidden">{t('language')}: </span>
        <span lang={locale}>{LOCALE_NAMES[locale]}</span>
      </summary>
      <form action={setLocale} className="language-switcher" aria-label={t('language')}>
        {LOCALES.map((code) => (
          <button key={code} type="submit" name="locale" value={code} aria-pressed={code === locale} lang={code}>
            {LOCALE_NAMES[code]}
          </button>
        ))}
      </form>
    </details>
  );
}
