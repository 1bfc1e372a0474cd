import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { readEnv } from '../env';
import { AppError } from '../errors';
import { singleton } from '../singleton';

// One set of limiters per process, shared by the API, server actions and sockets.
const limiters = () =>
  singleton('rate-limiters', () => ({
    messages: new RateLimiterMemory({ points: readEnv().RATE_LIMIT_MESSAGES, duration: 10 }),
    registrations: new RateLimiterMemory({ points: readEnv().RATE_LIMIT_REGISTRATIONS, duration: 600 }),
  }));

async function consume(limiter: RateLimiterMemory, key: string | number, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes || (rejection && typeof rejection === 'object' && 'msBeforeNext' in rejection)) {
      const seconds = Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000);
      throw new AppError('rate_limited', `Too many ${what}; try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    throw rejection;
  }
}

/** At most RATE_LIMIT_MESSAGES (20) messages per 10 seconds per participant, however they are sent. */
export const checkMessageRate = (participantId: number) => consume(limiters().messages, participantId, 'messages');

/** At most RATE_LIMIT_REGISTRATIONS (10) registrations per 10 minutes per address. */
export const checkRegistrationRate = (address: string) => consume(limiters().registrations, address, 'registrations');
