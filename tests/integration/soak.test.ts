import { describe, expect, it } from 'vitest';
import { runSoak, SHORT, soakViolations } from '../../bench/soak';

/**
 * The soak benchmark's short mode as a gate (bench/soak.ts runs the full one): sockets on the
 * dashboard and a room under a steady write load, then sockets that stop reading. Zero failed
 * writes, no healthy socket dropped, every stalled socket dropped by the server, heap growth (under
 * steady load, and once every socket has left) and memory during the stall within bounds. No timing is asserted.
 */
describe('soak, short mode', () => {
  it(
    `${SHORT.healthy} sockets and ${SHORT.writers} writers for ${SHORT.seconds} s, then ${SHORT.slow} stalled sockets: within every limit`,
    { timeout: 120_000 },
    async () => {
      const report = await runSoak(SHORT);
      console.log(
        `soak (short): ${report.writes} writes, ${report.errors} errors, heap ${report.heapMB.afterConnecting} → ${report.heapMB.endOfHealthyPhase} → ${report.heapMB.end} → ${report.heapMB.afterClosing} MB (after closing), RSS during the stall ${report.rssMB.slowPhaseStart} → ${report.rssMB.slowPhasePeak} MB, ${report.slowConsumers.droppedByServer}/${report.slowConsumers.sockets} stalled sockets dropped after ${JSON.stringify(report.slowConsumers.droppedAfterSeconds)} s`,
      );
      expect(soakViolations(report)).toEqual([]);
    },
  );
});
