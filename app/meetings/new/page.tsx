import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { canScheduleMeetings } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { loadOrNotFound } from '@/lib/http/page-data';
import { parseRecordId } from '@/lib/validation/ids';
import { referenceNames } from '@/lib/reference/names';
import { agendaChoices } from '@/lib/services/meetings/get-meeting';
import { getThread } from '@/lib/services/threads/get-thread';
import { scheduleMeetingAction } from '../actions';
import { MeetingForm } from '../_components/meeting-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meetings'))('schedule') };
}

/** A facilitator convenes a meeting; from a room (`?room=ID`) it is that room's, as discreet as it. */
export default async function NewMeetingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Meetings');
  const roomId = parseRecordId((await searchParams).room ?? '');
  const room = roomId ? await loadOrNotFound(() => getThread(viewer, roomId)) : null;
  const names = await referenceNames(await getLocale());
  if (!canScheduleMeetings(viewer)) {
    return (
      <div className="card stack">
        <h1>{t('schedule')}</h1>
        <p>{t('onlyFacilitators')}</p>
      </div>
    );
  }
  return (
    <div className="stack">
      <p className="small">
        {room ? <Link href={`/rooms/${room.id}`}>← {room.title}</Link> : <Link href="/meetings">← {t('title')}</Link>}
      </p>
      <div className="card">
        <h1>{t('schedule')}</h1>
        <p className="muted">{room ? t('scheduleInRoom', { room: room.title }) : t('scheduleLead')}</p>
        <ClientMessages namespaces={['Meetings']}>
          <MeetingForm
            action={scheduleMeetingAction}
            threadId={room?.id}
            states={names.states}
            initiatives={await agendaChoices(viewer, room?.id ?? null)}
            submitLabel={t('scheduleSubmit')}
            defaults={{
              title: '',
              level: 'ministerial',
              startsAt: '',
              endsAt: '',
              timezone: 'Asia/Tashkent',
              place: '',
              chairState: '',
              states: room?.states ?? [],
              agenda: [],
            }}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
