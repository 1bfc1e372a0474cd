import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientMessages } from '@/components/client-messages';
import { getTranslations } from 'next-intl/server';
import { invitedAffiliationFor } from '@/lib/services/participants/register';
import { RegisterForm } from './register-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Register'))('title') };
}

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const t = await getTranslations('Register');
  const { invite } = await searchParams;
  return (
    <div className="card" style={{ maxWidth: '36rem', margin: '2rem auto' }}>
      <h1>{t('title')}</h1>
      <p className="muted">{invite ? t('leadInvite') : t('lead')}</p>
      <ClientMessages namespaces={['Register']}>
        <RegisterForm inviteCode={invite ?? ''} invitedAs={invite ? await invitedAffiliationFor(invite) : null} />
      </ClientMessages>
      <p className="small muted" style={{ marginTop: '1rem' }}>
        {t('haveAccount')} <Link href="/signin">{t('signInLink')}</Link>
      </p>
    </div>
  );
}
