import type { Metadata } from 'next';
import { ClientMessages } from '@/components/client-messages';
import { getTranslations } from 'next-intl/server';
import { SignOutButton } from './sign-out-button';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('SignOut'))('title') };
}

export default async function SignOutPage() {
  const t = await getTranslations('SignOut');
  return (
    <div className="card" style={{ maxWidth: '28rem', margin: '2rem auto' }}>
      <h1>{t('title')}</h1>
      <p>{t('explain')}</p>
      <ClientMessages namespaces={['SignOut']}>
        <SignOutButton />
      </ClientMessages>
    </div>
  );
}
