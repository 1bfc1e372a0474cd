import { TZDate } from '@date-fns/tz';
import { formInput } from '../http/action';

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A wall-clock time as a form's datetime-local gives it ("2026-12-03T09:00"), read in the
 * meeting's own zone, as the ISO instant the API takes. Anything else is passed on for the
 * shared schema to refuse with its message.
 */
export function wallTimeToInstant(value: unknown, zone: unknown): unknown {
  const match = typeof value === 'string' ? WALL_TIME.exec(value) : null;
  if (!match || typeof zone !== 'string') return value;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  try {
    const instant = TZDate.tz(zone, year, month - 1, day, hour, minute);
    return Number.isNaN(+instant) ? value : new Date(+instant).toISOString();
  } catch {
    return value;
  }
}

/** The inverse, for an edit form: the instant as the wall-clock time of the meeting's zone. */
export function instantToWallTime(instant: string, zone: string): string {
  const local = new TZDate(Date.parse(instant), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/** A meeting form's fields → the API's input (the same schema then checks it). */
export function meetingFormInput(form: unknown): Record<string, unknown> {
  const input = formInput(form, { arrays: ['states'] });
  const { threadId, agenda, place, chairState, ...rest } = input;
  let items: unknown = [];
  try {
    items = typeof agenda === 'string' && agenda ? JSON.parse(agenda) : [];
  } catch {
    items = agenda;
  }
  return {
    ...rest,
    ...(threadId ? { threadId } : {}),
    startsAt: wallTimeToInstant(rest.startsAt, rest.timezone),
    endsAt: wallTimeToInstant(rest.endsAt, rest.timezone),
    place: place || null,
    chairState: chairState || null,
    agenda: items,
  };
}
