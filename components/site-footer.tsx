import { getTranslations } from 'next-intl/server';

export async function SiteFooter() {
  const t = await getTranslations('Layout');
  return (
    <footer className="site-footer">
      <div className="inner">{t('footer')}</div>
    </footer>
  );
}
