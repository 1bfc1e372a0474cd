import { ClientMessages } from '@/components/client-messages';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { requireViewer } from '@/lib/auth/current';
import { loadOrNotFound, pageRecordId } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { getThread } from '@/lib/services/threads/get-thread';
import { ProposeForm } from './propose-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Propose'))('title') };
}

export default async function ProposePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Propose');
  const raw = (await params).id;
  const room = await loadOrNotFound(() => getThread(viewer, pageRecordId(raw)));
  const archived = room.archivedAt !== null;
  return (
    <div className="stack">
      <p className="small">
        <Link href={`/rooms/${room.id}`}>← {room.title}</Link>
      </p>
      <div className="card">
        <h1>{t('title')}</h1>
        {archived ? (
          <p className="alert alert-warn" role="status" data-testid="archived-notice">
            {(await getTranslations('Room'))('moderation.archivedNow')}
          </p>
        ) : (
          <>
            <p className="muted">{t('lead')}</p>
            <ClientMessages namespaces={['Propose']}>
              <ProposeForm
                threadId={room.id}
                names={await referenceNames(await getLocale())}
                defaultStates={room.states}
                defaultPartners={room.partners}
              />
            </ClientMessages>
          </>
        )}
      </div>
    </div>
  );
}
