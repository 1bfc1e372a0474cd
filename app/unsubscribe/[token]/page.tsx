import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ActionButton } from '@/components/action-button';
import { ClientMessages } from '@/components/client-messages';
import { participantOfToken } from '@/lib/services/notifications/unsubscribe';
import { unsubscribeAction } from '../../notifications/actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Notifications'))('unsubscribeTitle') };
}

/** Where an email's unsubscribe link leads: it asks first (link scanners open links), one button, no sign-in. */
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const t = await getTranslations('Notifications');
  const { token } = await params;
  let known = true;
  try {
    participantOfToken(token);
  } catch {
    known = false;
  }
  return (
    <div className="stack">
      <h1>{t('unsubscribeTitle')}</h1>
      {known ? (
        <>
          <p>{t('unsubscribeExplain')}</p>
          <ClientMessages namespaces={[]}>
            <UnsubscribeButton token={token} label={t('unsubscribeButton')} done={t('unsubscribed')} />
          </ClientMessages>
        </>
      ) : (
        <p className="alert alert-error" role="alert">
          {t('unsubscribeUnknown')}
        </p>
      )}
    </div>
  );
}

function UnsubscribeButton({ token, label, done }: { token: string; label: string; done: string }) {
  return (
    <ActionButton action={unsubscribeAction.bind(null, token)} testId="unsubscribe" done={done}>
      {label}
    </ActionButton>
  );
}
