import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('NotFound');
  return (
    <div className="card" style={{ maxWidth: '32rem', margin: '2rem auto' }}>
      <h1>{t('title')}</h1>
      <p>{t('text')}</p>
      <Link href="/rooms">{t('back')}</Link>
    </div>
  );
}
