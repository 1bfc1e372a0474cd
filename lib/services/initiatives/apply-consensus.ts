import { sql } from 'drizzle-orm';
import type { Viewer } from '../../access/viewer';
import type { Position, StateCode, Status } from '../../consensus/codes';
import { evaluateConsensus, type ConsensusResult } from '../../consensus/consensus';
import { now } from '../../clock';
import type { Attribution } from '../../events/actor';
import { appendEvent } from '../../events/append';
import { countInTotals, recordStatusDelta } from '../dashboard/totals';
import type { WriteTx } from '../write';
import type { Db } from '../../../db/client';

/**
 * Recomputes status and format from the stored stances (inside the change's transaction), stores
 * them on the initiative and appends `status.changed` whenever the status or the format label moved.
 */
export async function applyConsensus(
  tx: WriteTx,
  initiativeId: number,
  context: { actor: Viewer | null; threadId: number; attribution: Attribution },
): Promise<ConsensusResult> {
  const current = await tx.get<{
    status: Status;
    format: string;
    label: string;
    minus: string;
    visibility: 'open' | 'discreet';
    topic: string;
  }>(
    sql`SELECT i.status, i.format, i.label, i.minus, t.visibility, t.topic
        FROM initiatives i JOIN threads t ON t.id = i.thread_id WHERE i.id = ${initiativeId}`,
  );
  const before = current!;
  const result = await evaluateStored(tx, initiativeId);
  const at = now();
  await tx.run(
    sql`UPDATE initiatives SET status = ${result.status}, format = ${result.format}, label = ${result.label},
          minus = ${result.minus.join(',')}, updated_at = ${at} WHERE id = ${initiativeId}`,
  );
  if (result.status !== before.status || result.label !== before.label) {
    if (before.visibility === 'open') {
      const partnerCodes = result.plus;
      const topic = before.topic;
      countInTotals(tx, { status: before.status, format: before.format, hasMinus: before.minus !== '', partners: partnerCodes, topic }, -1);
      countInTotals(
        tx,
        { status: result.status, format: result.format, hasMinus: result.minus.length > 0, partners: partnerCodes, topic },
        1,
      );
      if (result.status !== before.status) {
        recordStatusDelta(tx, at, before.status, -1);
        recordStatusDelta(tx, at, result.status, 1);
      }
    }
    appendEvent(tx, {
      type: 'status.changed',
      threadId: context.threadId,
      initiativeId,
      actor: context.actor,
      attribution: context.attribution,
      payload: {
        from: before.status,
        to: result.status,
        format: result.format,
        label: result.label,
        minus: result.minus,
        plus: result.plus,
        fromLabel: before.label,
        provisional: result.provisional,
      },
    });
  }
  return result;
}

/** The consensus of the stances and partners as stored (inside a transaction: as this change leaves them). */
export async function evaluateStored(q: Db, initiativeId: number): Promise<ConsensusResult> {
  const [initiative, stances, partners] = await Promise.all([
    q.get<{ formalizedAt: string | null }>(sql`SELECT formalized_at AS "formalizedAt" FROM initiatives WHERE id = ${initiativeId}`),
    q.all<{ state: StateCode; position: Position; acceding: number; adReferendum: number }>(
      sql`SELECT state_code AS state, position, acceding, ad_referendum AS "adReferendum" FROM stances WHERE initiative_id = ${initiativeId}`,
    ),
    q.all<{ code: string }>(sql`SELECT partner_code AS code FROM initiative_partners WHERE initiative_id = ${initiativeId}`),
  ]);
  return evaluateConsensus({
    stances: stances.map((s) => ({
      state: s.state,
      position: s.position,
      acceding: Boolean(s.acceding),
      adReferendum: Boolean(s.adReferendum),
    })),
    partners: partners.map((p) => p.code),
    formalized: initiative!.formalizedAt !== null,
  });
}
