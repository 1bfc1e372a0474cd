import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/components/client-messages';
import { getTranslations } from 'next-intl/server';
import { canEditInitiative } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { loadOrNotFound, pageRecordId } from '@/lib/http/page-data';
import { getInitiative } from '@/lib/services/initiatives/get-initiative';
import { findInitiative } from '@/lib/services/initiatives/initiative-access';
import { getThread } from '@/lib/services/threads/get-thread';
import { EditForm } from './edit-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Edit'))('title') };
}

export default async function EditInitiativePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Edit');
  const raw = (await params).id;
  const initiative = await loadOrNotFound(() => getInitiative(viewer, pageRecordId(raw)));
  if (!canEditInitiative(viewer, (await findInitiative(initiative.id))!.createdBy)) notFound();
  const archived = (await getThread(viewer, initiative.threadId)).archivedAt !== null;
  const endorsedStates = initiative.states.filter((s) => initiative.stances[s]?.position === 'endorse');
  return (
    <div className="stack">
      <p className="small">
        <Link href={`/initiatives/${initiative.id}`}>← {initiative.title}</Link>
      </p>
      <div className="card">
        <h1>{t('title')}</h1>
        {archived ? (
          <p className="alert alert-warn" role="status" data-testid="archived-notice">
            {(await getTranslations('Initiative'))('roomArchived')}
          </p>
        ) : null}
        {!archived && endorsedStates.length ? (
          <p className="alert alert-warn" role="note" data-testid="reset-warning">
            {t('resetWarning', { states: endorsedStates.join(', ') })}
          </p>
        ) : null}
        {archived ? null : (
          <ClientMessages namespaces={['Edit']}>
            <EditForm initiative={initiative} />
          </ClientMessages>
        )}
      </div>
    </div>
  );
}
