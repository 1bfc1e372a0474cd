import { z } from 'zod';
import { AFFILIATIONS } from '../consensus/codes';
import { partnerCode, stateCode, msg } from './common';

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const password = z.string().min(10).max(200);
export const personName = z.string().trim().min(1, msg('required')).max(100);

export const registerInput = z.strictObject({
  name: personName,
  email,
  password,
  affiliation: z.enum(AFFILIATIONS),
  organization: z.string().trim().max(200).optional(),
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
    affiliation: z.enum(['expert', 'civil_society', 'observer']).optional(),
  })
  .refine((v) => [v.state, v.partner, v.affiliation].filter((x) => x !== undefined).length === 1, {
    message: msg('inviteForOne'),
    path: ['state'],
  });

/** A facilitator grants a state delegation (`{state}`) or a partner's representation (`{partner}`); null revokes it. */
export const delegationInput = z.union(
  [z.strictObject({ state: stateCode.nullable() }), z.strictObject({ partner: partnerCode.nullable() })],
  {
    error: msg('stateOrPartner'),
  },
);

export const apiTokenInput = z.strictObject({
  name: z.string().trim().min(1, msg('required')).max(60),
  /** Optional: the token stops working after this many days. */
  expiresInDays: z.coerce.number().int(msg('wholeDays')).min(1, msg('daysRange')).max(365, msg('daysRange')).optional(),
});
