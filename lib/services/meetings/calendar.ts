import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ical, { ICalEventClass } from 'ical-generator';
import { db } from '../../../db/client';
import { isFacilitator } from '../../access/rules';
import { loadViewer, type Viewer } from '../../access/viewer';
import { readEnv } from '../../env';
import { notFound } from '../../errors';
import { write } from '../write';
import { MEETING_COLUMNS, MEETINGS_FROM, meetingVisibleSql, visibleMeeting, type MeetingRow } from './meeting-access';
import { serializeMeetings, type MeetingView } from './serialize-meeting';

const LEVEL_NAMES: Record<MeetingView['level'], string> = {
  summit: 'Summit',
  ministerial: 'Ministerial meeting',
  senior_officials: 'Senior officials’ meeting',
  expert: 'Expert meeting',
  track2: 'Track 2 meeting',
};

/** How the meeting's own zone reads it: "3 Dec 2026, 09:00–17:00 (Asia/Tashkent)". */
function localTimes(m: Pick<MeetingView, 'startsAt' | 'endsAt' | 'timezone'>): string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: m.timezone, dateStyle: 'medium', timeStyle: 'short' });
  return `${format.formatRange(new Date(m.startsAt), new Date(m.endsAt))} (${m.timezone})`;
}

function describe(m: MeetingView, pageUrl: string): string {
  const lines = [`${LEVEL_NAMES[m.level]} · ${m.states.join(', ')}${m.chairState ? ` · chair ${m.chairState}` : ''}`, localTimes(m)];
  if (m.agenda.length) lines.push('', 'Agenda:', ...m.agenda.map((item, i) => `${i + 1}. ${item.title}`));
  lines.push('', pageUrl);
  return lines.join('\n');
}

/**
 * A calendar of meetings (RFC 5545), times in UTC so every calendar program shows them in its own
 * zone; the meeting's own zone is in the description. `discreetDetails: false` (the subscribed feed,
 * which calendar programs copy to their servers) keeps a discreet room's meeting to its time and link.
 */
function calendarOf(meetings: MeetingView[], origin: string, name: string, { discreetDetails }: { discreetDetails: boolean }): string {
  const calendar = ical({ name, prodId: { company: 'Chaikhana', product: 'Meetings', language: 'EN' } });
  for (const m of meetings) {
    const pageUrl = `${origin}/meetings/${m.id}`;
    const hidden = !discreetDetails && m.room?.visibility === 'discreet';
    calendar.createEvent({
      id: `meeting-${m.id}@chaikhana`,
      start: new Date(m.startsAt),
      end: new Date(m.endsAt),
      // Each edit moves it forward, so calendar programs take the newer copy.
      sequence: Math.max(0, Math.floor((Date.parse(m.updatedAt) - Date.parse(m.createdAt)) / 1000)),
      stamp: new Date(m.updatedAt),
      summary: hidden ? 'Meeting of a discreet room' : m.title,
      location: hidden ? null : m.place,
      description: hidden ? `Details in Chaikhana: ${pageUrl}` : describe(m, pageUrl),
      url: pageUrl,
      class: hidden ? ICalEventClass.PRIVATE : ICalEventClass.PUBLIC,
    });
  }
  return calendar.toString();
}

/** One meeting's `.ics`, for whoever may see the meeting. */
export async function meetingCalendar(viewer: Viewer, meetingId: number, origin: string): Promise<string> {
  const [meeting] = await serializeMeetings([await visibleMeeting(viewer, meetingId)], viewer);
  return calendarOf([meeting], origin, meeting.title, { discreetDetails: true });
}

function feedSignature(participantId: number, generation: number): string {
  return createHmac('sha256', readEnv().NEXTAUTH_SECRET!)
    .update(`calendar-feed:${participantId}:${generation}`)
    .digest('base64url')
    .slice(0, 32);
}

/**
 * A participant's calendar feed address: derived from the server's secret, so it is never stored
 * and can be shown again; starting a new address (`resetCalendarFeed`) retires the old one.
 */
export async function calendarFeed(viewer: Viewer, origin: string): Promise<{ url: string }> {
  const row = await db().get<{ generation: number }>(
    sql`SELECT calendar_generation AS generation FROM participants WHERE id = ${viewer.id}`,
  );
  const token = `${viewer.id}-${row!.generation}-${feedSignature(viewer.id, row!.generation)}`;
  return { url: `${origin}/api/v1/calendar/${token}.ics` };
}

export async function resetCalendarFeed(viewer: Viewer, origin: string): Promise<{ url: string }> {
  await write((tx) => tx.run(sql`UPDATE participants SET calendar_generation = calendar_generation + 1 WHERE id = ${viewer.id}`));
  return calendarFeed(viewer, origin);
}

const FEED_PATTERN = /^([1-9]\d{0,14})-([1-9]\d{0,9})-([A-Za-z0-9_-]{32})\.ics$/;
const FEED_HISTORY_DAYS = 90;

/**
 * The feed behind an address: the participant's meetings from 90 days back — a delegate's are those
 * their state attends; anyone else's, every meeting they may see. Unknown, retired or disabled → 404.
 */
export async function calendarFeedContent(feed: string, origin: string): Promise<string> {
  const match = FEED_PATTERN.exec(feed);
  if (!match) throw notFound('calendarNotFound');
  const [id, generation, signature] = [Number(match[1]), Number(match[2]), match[3]];
  const expected = Buffer.from(feedSignature(id, generation));
  if (!timingSafeEqual(expected, Buffer.from(signature))) throw notFound('calendarNotFound');
  const viewer = await loadViewer(id);
  const current = await db().get<{ generation: number }>(sql`SELECT calendar_generation AS generation FROM participants WHERE id = ${id}`);
  if (!viewer || current?.generation !== generation) throw notFound('calendarNotFound');
  const since = new Date(Date.now() - FEED_HISTORY_DAYS * 86_400_000).toISOString();
  const own =
    viewer.state && !isFacilitator(viewer)
      ? sql`AND EXISTS (SELECT 1 FROM meeting_states ms WHERE ms.meeting_id = m.id AND ms.state_code = ${viewer.state})`
      : sql``;
  const rows = await db().all<MeetingRow>(
    sql`SELECT ${MEETING_COLUMNS} FROM ${MEETINGS_FROM}
        WHERE ${meetingVisibleSql(viewer)} AND m.ends_at > ${since} ${own} ORDER BY m.starts_at, m.id LIMIT 1000`,
  );
  return calendarOf(await serializeMeetings(rows, viewer), origin, `Chaikhana — ${viewer.name}`, { discreetDetails: false });
}
