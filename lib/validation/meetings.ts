import { z } from 'zod';
import { MEETING_LEVELS } from '../consensus/codes';
import { errorText, type FieldProblems } from '../errors';
import { id, stateCode, title, uniqueList, msg } from './common';

export const MEETING_MAX_DAYS = 14;
export const AGENDA_MAX_ITEMS = 30;
export const READOUT_MAX_CHARS = 20_000;

export const meetingLevel = z.enum(MEETING_LEVELS);

/** An IANA time zone the runtime knows (Asia/Tashkent, UTC); offsets and abbreviations are refused. */
export const timeZone = z
  .string()
  .trim()
  .max(64)
  .refine((zone) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) && isKnownZone(zone), msg('unknownTimeZone'));

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 8601 instant with its offset, kept as UTC to the second (what calendars keep). */
const instant = z.iso
  .datetime({ offset: true, error: msg('isoTimeExample') })
  .transform((value) => new Date(Math.floor(Date.parse(value) / 1000) * 1000).toISOString());

const agendaItem = z
  .strictObject({
    initiativeId: id.optional(),
    title: z.string().trim().max(200).optional(),
  })
  .refine((item) => item.initiativeId !== undefined || (item.title ?? '') !== '', msg('freeItemTitle'));
export type AgendaItemInput = z.infer<typeof agendaItem>;

const meetingFields = {
  title,
  level: meetingLevel,
  startsAt: instant,
  endsAt: instant,
  timezone: timeZone,
  place: z.string().trim().max(200).nullable().optional(),
  chairState: stateCode.nullable().optional(),
  states: uniqueList(stateCode, { min: 1, max: 5, label: 'states' }),
  agenda: z.array(agendaItem).max(AGENDA_MAX_ITEMS).default([]),
};

/** Checks that hold across fields, for a new meeting and for one after an edit. */
export function meetingProblems(m: { startsAt: string; endsAt: string; chairState?: string | null; states: string[] }) {
  const fields: FieldProblems = {};
  const length = Date.parse(m.endsAt) - Date.parse(m.startsAt);
  if (length <= 0) fields.endsAt = errorText('meetingEndsAfterStart');
  else if (length > MEETING_MAX_DAYS * 86_400_000) fields.endsAt = errorText('meetingMaxDays', { days: MEETING_MAX_DAYS });
  if (m.chairState && !m.states.includes(m.chairState)) fields.chairState = errorText('chairAttending');
  return fields;
}

export const createMeetingInput = z.strictObject({ threadId: id.nullable().optional(), ...meetingFields });
export type CreateMeetingInput = z.infer<typeof createMeetingInput>;

/** The room is chosen once (it decides who sees the meeting); everything else may change. */
export const updateMeetingInput = z
  .strictObject({
    title: meetingFields.title.optional(),
    level: meetingFields.level.optional(),
    startsAt: meetingFields.startsAt.optional(),
    endsAt: meetingFields.endsAt.optional(),
    timezone: meetingFields.timezone.optional(),
    place: meetingFields.place,
    chairState: meetingFields.chairState,
    states: meetingFields.states.optional(),
    agenda: z.array(agendaItem).max(AGENDA_MAX_ITEMS).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, msg('nothingToChange'));
export type UpdateMeetingInput = z.infer<typeof updateMeetingInput>;

export const listMeetingsQuery = z.object({
  from: z.iso.datetime({ offset: true, error: msg('isoTime') }).optional(),
  to: z.iso.datetime({ offset: true, error: msg('isoTime') }).optional(),
  level: meetingLevel.optional(),
  state: stateCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,16}$/, msg('invalidCursor'))
    .optional(),
});
export type ListMeetingsQuery = z.infer<typeof listMeetingsQuery>;

export const readoutInput = z.strictObject({
  body: z.string().trim().min(1, msg('writeReadout')).max(READOUT_MAX_CHARS),
  /** The version the writer edited, if known: a readout changed meanwhile answers 409. */
  version: z.number().int().min(0).optional(),
});

export const approveReadoutInput = z.strictObject({
  /** The version the approver read: approving a text that changed meanwhile answers 409. */
  version: z.number().int().min(1).optional(),
});
