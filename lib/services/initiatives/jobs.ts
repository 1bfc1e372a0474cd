import { registerJob } from '../../scheduler/jobs';
import { LAPSE_JOB, SILENCE_JOB } from './job-keys';
import { lapseStance } from './set-stance';
import { concludeSilence } from './silence';

/** The initiatives' deadlines, run by the durable scheduler (lib/scheduler): exactly once, also after a restart that missed them. */
export function registerInitiativeJobs(): void {
  registerJob(LAPSE_JOB, async (tx, job) => {
    const [initiativeId, state] = job.key.split(':');
    const skipped = await lapseStance(tx, Number(initiativeId), state, String(job.payload.confirmBy));
    if (skipped) console.log(`Job ${job.kind} ${job.key}: nothing to do, ${skipped}`);
  });
  registerJob(SILENCE_JOB, async (tx, job) => {
    const skipped = await concludeSilence(tx, Number(job.key), String(job.payload.deadline));
    if (skipped) console.log(`Job ${job.kind} ${job.key}: nothing to do, ${skipped}`);
  });
}
