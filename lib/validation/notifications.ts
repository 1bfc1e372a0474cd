import { z } from 'zod';
import { LOCALES } from '@/i18n/locales';
import { EMAIL_MODES, NOTIFICATION_TYPES } from '../notifications/types';
import { id, pageQuery } from './common';

export const notificationsQuery = pageQuery.extend({
  unread: z.enum(['0', '1'], { error: 'unread is 1 or 0' }).optional(),
});

/** Mark some notifications read, or all of them. */
export const markReadInput = z.union(
  [
    z.strictObject({ ids: z.array(id).min(1, 'Required').max(500, 'At most 500 ids') }),
    z.strictObject({ all: z.literal(true, { error: 'all must be true' }) }),
  ],
  { error: 'Give ids (a list) or all: true' },
);

/** What is followed: a room or an initiative, exactly one. */
export const followInput = z.union([z.strictObject({ threadId: id }), z.strictObject({ initiativeId: id })], {
  error: 'Give threadId or initiativeId',
});

/** Per kind of notification, on (true) or off (false); kinds left out keep their setting. */
export const notificationSettingsInput = z.strictObject({
  email: z.enum(EMAIL_MODES, { error: 'email is off, immediate or daily' }).optional(),
  types: z
    .partialRecord(z.enum(NOTIFICATION_TYPES, { error: 'Unknown kind of notification' }), z.boolean({ error: 'Expected true or false' }))
    .optional(),
});

export const meInput = z.strictObject({
  locale: z.enum(LOCALES, { error: `locale is one of ${LOCALES.join(', ')}` }),
});
