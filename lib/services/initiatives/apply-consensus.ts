import { prepared } from '../../../db/client';
import type { Viewer } from '../../access/viewer';
import type { Position, StateCode, Status } from '../../consensus/codes';
import { evaluateConsensus, type ConsensusResult } from '../../consensus/consensus';
import { now } from '../../clock';
import type { Attribution } from '../../events/actor';
import { appendEvent } from '../../events/append';

/**
 * Recomputes status and format from the stored stances (inside the change's transaction), stores
 * them on the initiative and appends `status.changed` whenever the status or the format label moved.
 */
export function applyConsensus(
  initiativeId: number,
  context: { actor: Viewer; threadId: number; attribution: Attribution },
): ConsensusResult {
  const current = prepared('SELECT status, label, formalized_at AS formalizedAt FROM initiatives WHERE id = ?').get(initiativeId) as {
    status: Status;
    label: string;
    formalizedAt: string | null;
  };
  const result = evaluateConsensus({
    stances: (prepared('SELECT state_code AS state, position, acceding FROM stances WHERE initiative_id = ?').all(initiativeId) as {
      state: StateCode;
      position: Position;
      acceding: number;
    }[]).map((s) => ({ state: s.state, position: s.position, acceding: Boolean(s.acceding) })),
    partners: (prepared('SELECT partner_code AS code FROM initiative_partners WHERE initiative_id = ?').all(initiativeId) as { code: string }[]).map(
      (p) => p.code,
    ),
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
