/** The durable scheduler's jobs for initiatives (lib/services/initiatives/jobs.ts runs them). */
export const LAPSE_JOB = 'stance.lapse';
export const lapseJobKey = (initiativeId: number, state: string) => `${initiativeId}:${state}`;
export const SILENCE_JOB = 'silence.conclude';
