import { registerJob } from '../../scheduler/jobs';
import { LAPSE_JOB, lapseStance } from './set-stance';

/** The initiatives' deadlines, run by the durable scheduler (lib/scheduler): exactly once, also after a restart that missed them. */
export function registerInitiativeJobs(): void {
  registerJob(LAPSE_JOB, async (tx, job) => {
    const [initiativeId, state] = job.key.split(':');
    const skipped = await lapseStance(tx, Number(initiativeId), state, String(job.payload.confirmBy));
    if (skipped) console.log(`Job ${job.kind} ${job.key}: nothing to do, ${skipped}`);
  });
}
