import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/client-messages';
import { canScheduleMeetings } from '@/lib/access/rules';
import { requireViewer } from '@/lib/auth/current';
import { loadOrNotFound, pageRecordId } from '@/lib/http/page-data';
import { referenceNames } from '@/lib/reference/names';
import { agendaChoices, getMeeting } from '@/lib/services/meetings/get-meeting';
import { instantToWallTime } from '@/lib/validation/meeting-form';
import { updateMeetingAction } from '../../actions';
import { MeetingForm } from '../../_components/meeting-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meetings'))('edit') };
}

export default async function EditMeetingPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const t = await getTranslations('Meetings');
  const meeting = await loadOrNotFound(async () => getMeeting(viewer, pageRecordId((await params).id)));
  if (!canScheduleMeetings(viewer)) notFound();
  const names = await referenceNames(await getLocale());
  return (
    <div className="stack">
      <p className="small">
        <Link href={`/meetings/${meeting.id}`}>← {meeting.title}</Link>
      </p>
      <div className="card">
        <h1>{t('edit')}</h1>
        <ClientMessages namespaces={['Meetings']}>
          <MeetingForm
            action={updateMeetingAction.bind(null, meeting.id)}
            states={names.states}
            initiatives={await agendaChoices(viewer, meeting.threadId)}
            submitLabel={t('saveMeeting')}
            defaults={{
              title: meeting.title,
              level: meeting.level,
              startsAt: instantToWallTime(meeting.startsAt, meeting.timezone),
              endsAt: instantToWallTime(meeting.endsAt, meeting.timezone),
              timezone: meeting.timezone,
              place: meeting.place ?? '',
              chairState: meeting.chairState ?? '',
              states: meeting.states,
              agenda: meeting.agenda.map((item) => ({ initiativeId: item.initiativeId, title: item.title })),
            }}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
