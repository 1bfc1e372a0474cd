import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { CA_STATES, POSITIONS, type Position, type StateCode } from '../../lib/consensus/codes';
import { evaluateConsensus } from '../../lib/consensus/consensus';

export interface Dataset {
  delegates: { email: string; state: StateCode; id: number }[];
  facilitatorEmail: string;
  password: string;
  initiativeIds: number[];
  /** Initiatives in open rooms: every delegate may see them. */
  openInitiativeIds: number[];
}

/**
 * A large, consistent dataset written straight into a migrated database: rooms, initiatives with
 * five stances each (status and label computed by the real consensus rules), and an event log.
 */
export function generateDataset(
  db: Database.Database,
  { initiatives, events, passwordHash, rooms = 200 }: { initiatives: number; events: number; passwordHash: string; rooms?: number },
): Dataset {
  const at = new Date().toISOString();
  const random = seeded(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const topics = (db.prepare('SELECT slug FROM topics').all() as { slug: string }[]).map((t) => t.slug);
  const partners = (db.prepare('SELECT code FROM partners').all() as { code: string }[]).map((p) => p.code);
  const delegates: Dataset['delegates'] = [];
  const initiativeIds: number[] = [];
  const openInitiativeIds: number[] = [];

  db.transaction(() => {
    const participant = db.prepare(
      `INSERT INTO participants (email, name, password_hash, affiliation, organization, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const facilitatorId = Number(
      participant.run('facilitator@bench.example', 'Bench facilitator', passwordHash, 'expert', null, 'facilitator', at).lastInsertRowid,
    );
    for (const state of CA_STATES) {
      const email = `delegate.${state.toLowerCase()}@bench.example`;
      const id = Number(participant.run(email, `Delegate ${state}`, passwordHash, 'government', null, 'participant', at).lastInsertRowid);
      db.prepare('INSERT INTO delegations (participant_id, state_code, granted_by, granted_at) VALUES (?, ?, ?, ?)').run(
        id,
        state,
        facilitatorId,
        at,
      );
      delegates.push({ email, state, id });
    }
    const thread = db.prepare(
      `INSERT INTO threads (title, topic, summary, visibility, attribution, created_by, created_at, last_activity_at) VALUES (?, ?, ?, ?, 'named', ?, ?, ?)`,
    );
    const roomIds: number[] = [];
    const openRooms = new Set<number>();
    for (let r = 0; r < rooms; r++) {
      const visibility = r % 10 === 9 ? 'discreet' : 'open';
      const id = Number(
        thread.run(`Room ${r}`, pick(topics), 'A room of the benchmark.', visibility, facilitatorId, at, at).lastInsertRowid,
      );
      roomIds.push(id);
      if (visibility === 'open') openRooms.add(id);
    }
    const initiative = db.prepare(
      `INSERT INTO initiatives (thread_id, title, summary, open_to_join, status, format, label, minus, created_by, created_at, updated_at)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const stance = db.prepare(
      'INSERT INTO stances (initiative_id, state_code, position, note, set_at, joined_at) VALUES (?, ?, ?, NULL, ?, ?)',
    );
    const partner = db.prepare('INSERT INTO initiative_partners (initiative_id, partner_code) VALUES (?, ?)');
    for (let i = 0; i < initiatives; i++) {
      const positions: { state: StateCode; position: Position }[] = CA_STATES.map((state) => ({ state, position: pick(POSITIONS) }));
      const plus = random() < 0.3 ? [pick(partners)] : [];
      const result = evaluateConsensus({ stances: positions, partners: plus, formalized: false });
      const roomId = pick(roomIds);
      const id = Number(
        initiative.run(
          roomId,
          `Initiative ${i}: ${pick(['water', 'visas', 'grid', 'customs', 'health'])} cooperation`,
          'Benchmark text.',
          result.status,
          result.format,
          result.label,
          result.minus.join(','),
          facilitatorId,
          at,
          at,
        ).lastInsertRowid,
      );
      initiativeIds.push(id);
      if (openRooms.has(roomId)) openInitiativeIds.push(id);
      for (const s of positions) stance.run(id, s.state, s.position, at, at);
      for (const p of plus) partner.run(id, p);
    }
    const event = db.prepare(
      `INSERT INTO events (type, thread_id, initiative_id, actor_id, actor, payload, created_at) VALUES ('stance.changed', ?, ?, ?, ?, ?, ?)`,
    );
    const threadOf = db.prepare('SELECT thread_id AS threadId FROM initiatives WHERE id = ?');
    for (let e = 0; e < events; e++) {
      const initiativeId = initiativeIds[e % initiativeIds.length];
      const { threadId } = threadOf.get(initiativeId) as { threadId: number };
      const delegate = pick(delegates);
      event.run(
        threadId,
        initiativeId,
        delegate.id,
        JSON.stringify({ id: delegate.id, name: `Delegate ${delegate.state}`, affiliation: 'government', state: delegate.state }),
        JSON.stringify({ state: delegate.state, from: 'pending', to: pick(POSITIONS), note: null }),
        at,
      );
    }
  })();
  return { delegates, facilitatorEmail: 'facilitator@bench.example', password: 'bench-password-123', initiativeIds, openInitiativeIds };
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

export function randomOpId(): string {
  return crypto.randomBytes(12).toString('base64url');
}
