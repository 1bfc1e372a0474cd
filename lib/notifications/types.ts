/**
 * What a participant is told about (PRODUCT.md, "Notifications and search"), each kind one switch
 * in their preferences. Titles never name a person, so no kind can leak a Chatham room's speaker.
 */
export const NOTIFICATION_TYPES = [
  /** An initiative naming your state was proposed. */
  'initiative_proposed',
  /** An edit of the text reset your state's endorsement. */
  'endorsement_reset',
  /** A state entered a reservation on what you follow. */
  'reservation',
  /** A state stepped aside on what you follow. */
  'step_aside',
  /** What you follow reached consensus. */
  'consensus',
  /** What you follow was formalized. */
  'formalized',
  /** A silence procedure started on what you follow. */
  'silence_started',
  /** 24 hours are left in a silence procedure on what you follow. */
  'silence_ending',
  /** Your state's ad referendum stance must be confirmed within 24 hours. */
  'confirmation_due',
  /** A meeting of your room (or of your state, outside rooms) was scheduled. */
  'meeting_scheduled',
  /** A readout awaits your state's approval. */
  'readout_awaiting',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** What needs the reader's state to act, shown first: the rest is news. */
export const ACTION_TYPES: ReadonlySet<NotificationType> = new Set([
  'endorsement_reset',
  'silence_ending',
  'confirmation_due',
  'readout_awaiting',
  'initiative_proposed',
]);

export const EMAIL_MODES = ['off', 'immediate', 'daily'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/** How long before a deadline a reminder comes. */
export const REMINDER_AHEAD_MS = 24 * 60 * 60 * 1000;
