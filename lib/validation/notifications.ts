import { z } from 'zod';
import { LOCALES } from '@/i18n/locales';
import { EMAIL_MODES, NOTIFICATION_TYPES } from '../notifications/types';
import { id, pageQuery, msg } from './common';

export const notificationsQuery = pageQuery.extend({
  unread: z.enum(['0', '1'], { error: 'unread is 1 or 0' }).optional(),
});

/** Mark some notifications read, or all of them. */
export const markReadInput = z.union(
  [
    z.strictObject({ ids: z.array(id).min(1, msg('required')).max(500) }),
    z.strictObject({ all: z.literal(true, { error: 'all must be true' }) }),
  ],
  { error: msg('idsOrAll') },
);

/** What is followed: a room or an initiative, exactly one. */
export const followInput = z.union([z.strictObject({ threadId: id }), z.strictObject({ initiativeId: id })], {
  error: msg('threadOrInitiative'),
});

/** Per kind of notification, on (true) or off (false); kinds left out keep their setting. */
export const notificationSettingsInput = z.strictObject({
  email: z.enum(EMAIL_MODES, { error: 'email is off, immediate or daily' }).optional(),
  types: z.partialRecord(z.enum(NOTIFICATION_TYPES), z.boolean({ error: msg('mustBeBoolean') })).optional(),
});

export const meInput = z.strictObject({
  locale: z.enum(LOCALES, { error: `locale is one of ${LOCALES.join(', ')}` }),
});
