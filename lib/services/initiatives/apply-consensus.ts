import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import type { Position, StateCode, Status } from '../../consensus/codes';
import { evaluateConsensus, type ConsensusResult } from '../../consensus/consensus';
import { now } from '../../clock';
import type { Attribution } from '../../events/actor';
import { appendEvent } from '../../events/append';
import { countInTotals, recordStatusDelta } from '../dashboard/totals';

/**
 * Recomputes status and format from the stored stances (inside the change's transaction), stores
 * them on the initiative and appends `status.changed` whenever the status or the format label moved.
 */
export function applyConsensus(
  initiativeId: number,
  context: { actor: Viewer; threadId: number; attribution: Attribution },
): ConsensusResult {
  const current = prepared(
    `SELECT i.status, i.format, i.label, i.minus, i.formalized_at AS formalizedAt, t.visibility, t.topic
     FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE i.id = ?`,
  ).get(initiativeId) as {
    status: Status;
    format: string;
    label: string;
    minus: string;
    formalizedAt: string | null;
    visibility: 'open' | 'discreet';
    topic: string;
  };
  const result = evaluateConsensus({
    stances: (
      prepared('SELECT state_code AS state, position, acceding FROM stances WHERE initiative_id = ?').all(initiativeId) as {
        state: StateCode;
        position: Position;
        acceding: number;
      }[]
    ).map((s) => ({ state: s.state, position: s.position, acceding: Boolean(s.acceding) })),
    partners: (
      prepared('SELECT partner_code AS code FROM initiative_partners WHERE initiative_id = ?').all(initiativeId) as { code: string }[]
    ).map((p) => p.code),
    formalized: current.formalizedAt !== null,
  });
  const at = now();
  prepared('UPDATE initiatives SET status = ?, format = ?, label = ?, minus = ?, updated_at = ? WHERE id = ?').run(
    result.status,
    result.format,
    result.label,
    result.minus.join(','),
    at,
    initiativeId,
  );
  if (result.status !== current.status || result.label !== current.label) {
    if (current.visibility === 'open') {
      const partners = result.plus;
      countInTotals({ status: current.status, format: current.format, hasMinus: current.minus !== '', partners, topic: current.topic }, -1);
      countInTotals({ status: result.status, format: result.format, hasMinus: result.minus.length > 0, partners, topic: current.topic }, 1);
      if (result.status !== current.status) {
        recordStatusDelta(at, current.status, -1);
        recordStatusDelta(at, result.status, 1);
      }
    }
    appendEvent({
      type: 'status.changed',
      threadId: context.threadId,
      initiativeId,
      actor: context.actor,
      attribution: context.attribution,
      payload: {
        from: current.status,
        to: result.status,
        format: result.format,
        label: result.label,
        minus: result.minus,
        plus: result.plus,
        fromLabel: current.label,
      },
    });
  }
  return result;
}
