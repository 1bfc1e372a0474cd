import { getFormatter, getTranslations } from 'next-intl/server';
import { ViewerTime } from './viewer-time';

/** When a meeting is, in its own zone (always) and in the viewer's (when it differs). */
export async function MeetingTime({ startsAt, endsAt, zone }: { startsAt: string; endsAt: string; zone: string }) {
  const t = await getTranslations('Meetings');
  const format = await getFormatter();
  const range = format.dateTimeRange(new Date(startsAt), new Date(endsAt), { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <span className="meeting-time">
      <time dateTime={startsAt}>{t('localTime', { range, zone })}</time> <ViewerTime startsAt={startsAt} endsAt={endsAt} zone={zone} />
    </span>
  );
}
