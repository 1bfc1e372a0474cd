import type { Metadata } from 'next';
import Link from 'next/link';
import { ClientMessages } from '@/components/client-messages';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('SignIn'))('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const t = await getTranslations('SignIn');
  const { callbackUrl, error } = await searchParams;
  return <SignInCard callbackUrl={localPath(callbackUrl)} error={error ? t('failed') : null} />;
}

/** Only a path of ours (the origin is dropped): an open redirect would hand a visitor to anyone. */
function localPath(callbackUrl: string | undefined): string {
  if (!callbackUrl) return '/rooms';
  try {
    const url = new URL(callbackUrl, 'http://local.invalid');
    return url.pathname.startsWith('/') && !url.pathname.startsWith('//') && url.pathname !== '/signin'
      ? url.pathname + url.search
      : '/rooms';
  } catch {
    return '/rooms';
  }
}

async function SignInCard({ callbackUrl, error }: { callbackUrl: string; error: string | null }) {
  const t = await getTranslations('SignIn');
  return (
    <div className="card" style={{ maxWidth: '28rem', margin: '2rem auto' }}>
      <h1>{t('title')}</h1>
      <ClientMessages namespaces={['SignIn']}>
        <SignInForm callbackUrl={callbackUrl} initialError={error} />
      </ClientMessages>
      <p className="small muted" style={{ marginTop: '1rem' }}>
        {t('noAccount')} <Link href="/register">{t('registerLink')}</Link>
      </p>
    </div>
  );
}
