import { getLocale, getTranslations } from 'next-intl/server';
import { LOCALES } from '@/i18n/locales';
import { setLocale } from './set-locale-action';

/** Works without JavaScript: each button posts the chosen language to a server action. */
export async function LanguageSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations('Layout');
  return (
    <form action={setLocale} className="language-switcher" aria-label={t('language')}>
      {LOCALES.map((code) => (
        <button key={code} type="submit" name="locale" value={code} aria-pressed={code === locale} lang={code}>
          {code === 'en' ? 'English' : 'Русский'}
        </button>
      ))}
    </form>
  );
}
