import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { isFacilitator } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { referenceNames } from '@/lib/reference/names';
import { NewRoomForm } from './new-room-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('NewRoom'))('title') };
}

export default async function NewRoomPage() {
  const viewer = await requireViewer();
  const t = await getTranslations('NewRoom');
  return (
    <div className="card">
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <ClientMessages namespaces={['NewRoom']}>
        <NewRoomForm names={await referenceNames(await getLocale())} canOpenDiscreet={isFacilitator(viewer)} />
      </ClientMessages>
    </div>
  );
}
