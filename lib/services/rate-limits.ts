import { readEnv } from '../env';
import { rateLimited } from '../errors';
import { isLimited, limiter } from '../limits/limiter';

async function consume(name: string, points: number, duration: number, key: string | number, what: string): Promise<void> {
  try {
    await limiter(name, { points, duration }).consume(key);
  } catch (rejection) {
    if (!isLimited(rejection)) throw rejection;
    const seconds = Math.ceil(rejection.msBeforeNext / 1000);
    throw rateLimited('tooMany', { what, seconds }, seconds);
  }
}

/** At most RATE_LIMIT_MESSAGES (20) messages per 10 seconds per participant, however they are sent, on any process. */
export const checkMessageRate = (participantId: number) =>
  consume('messages', readEnv().RATE_LIMIT_MESSAGES, 10, participantId, 'messages');

/** At most RATE_LIMIT_REGISTRATIONS (10) registrations per 10 minutes per address, on any process. */
export const checkRegistrationRate = (address: string) =>
  consume('registrations', readEnv().RATE_LIMIT_REGISTRATIONS, 600, address, 'registrations');
