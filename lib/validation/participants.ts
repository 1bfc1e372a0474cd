import { z } from 'zod';
import { AFFILIATIONS } from '../consensus/codes';
import { partnerCode, stateCode } from './common';

export const email = z.string().trim().toLowerCase().max(254, 'At most 254 characters').pipe(z.email('Enter a valid email address'));
export const password = z.string().min(10, 'At least 10 characters').max(200, 'At most 200 characters');
export const personName = z.string().trim().min(1, 'Required').max(100, 'At most 100 characters');

export const registerInput = z.strictObject({
  name: personName,
  email,
  password,
  affiliation: z.enum(AFFILIATIONS, { error: 'Choose government, expert, civil_society, partner or observer' }),
  organization: z.string().trim().max(200, 'At most 200 characters').optional(),
  inviteCode: z.string().trim().max(100).optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const signInInput = z.object({ email, password: z.string().min(1).max(200) });

/**
 * An invite makes its registrant a delegate of a state, a partner's representative, or one of the
 * other affiliations: exactly one of the three (each field checked on its own, errors beside it).
 */
export const inviteInput = z
  .strictObject({
    state: stateCode.optional(),
    partner: partnerCode.optional(),
    affiliation: z.enum(['expert', 'civil_society', 'observer'], { error: 'Choose expert, civil_society or observer' }).optional(),
  })
  .refine((v) => [v.state, v.partner, v.affiliation].filter((x) => x !== undefined).length === 1, {
    message: 'Invite for one of: a state, a partner or an affiliation',
    path: ['state'],
  });

/** A facilitator grants a state delegation (`{state}`) or a partner's representation (`{partner}`); null revokes it. */
export const delegationInput = z.union(
  [z.strictObject({ state: stateCode.nullable() }), z.strictObject({ partner: partnerCode.nullable() })],
  {
    error: 'Give a state or a partner (or null to revoke)',
  },
);

export const apiTokenInput = z.strictObject({
  name: z.string().trim().min(1, 'Required').max(60, 'At most 60 characters'),
  /** Optional: the token stops working after this many days. */
  expiresInDays: z.coerce.number().int('Whole days').min(1, 'At least 1 day').max(365, 'At most 365 days').optional(),
});
