import type { Socket } from 'socket.io-client';
import type { Client } from './client';
import { openSocket } from './socket';

/** One write of the load, with a unique operation id and a unique text to find it by. */
export interface Operation {
  kind: 'api-message' | 'api-stance' | 'socket-message';
  opId: string;
  text: string;
  client: Client;
  initiativeId?: number;
  state?: string;
  position?: string;
}

export const OPERATION_KINDS = ['api-message', 'api-stance', 'socket-message'] as const;

export interface WriteLoad {
  /** Filled as the load runs. */
  attempted: Operation[];
  acknowledged: Operation[];
  /** Acknowledged writes of each kind so far. */
  acknowledgedByKind(): Record<Operation['kind'], number>;
  /** Resolves when every writer has stopped. */
  done: Promise<void>;
}

const POSITIONS = ['endorse', 'reservation', 'pending', 'step_aside'];

/**
 * Concurrent writers (API messages, API stance changes, socket messages), each write carrying a
 * unique operation id, until `stop()` resolves. Records what was attempted and what was acknowledged.
 */
export function startWriteLoad(options: {
  url: string;
  tag: string;
  writers: number;
  authors: Client[];
  delegates: { client: Client; state: string }[];
  initiatives: number[];
  threadId: number;
  stop: Promise<void>;
}): WriteLoad {
  const attempted: Operation[] = [];
  const acknowledged: Operation[] = [];
  let stopped = false;
  void options.stop.then(() => (stopped = true));
  let n = 0;
  const sockets: Socket[] = [];

  async function writer(w: number) {
    const mode = w % 3;
    let socket: Socket | null = null;
    if (mode === 2) {
      socket = openSocket(options.url, options.authors[w % options.authors.length].cookieHeader(), { reconnection: false });
      sockets.push(socket);
      // A server killed mid-handshake ends the socket with 'disconnect' and no 'connect_error'.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        for (const end of ['connect', 'connect_error', 'disconnect']) {
          socket!.once(end, () => {
            clearTimeout(timer);
            resolve();
          });
        }
      });
    }
    while (!stopped) {
      const i = n++;
      const opId = `${options.tag}-${i}`;
      const text = `load ${opId}`;
      let op: Operation;
      try {
        if (mode === 0) {
          op = { kind: 'api-message', opId, text, client: options.authors[i % options.authors.length] };
          attempted.push(op);
          const response = await op.client.post(
            `/api/v1/threads/${options.threadId}/messages`,
            { body: text },
            { 'idempotency-key': opId },
          );
          if (response.status === 201) acknowledged.push(op);
        } else if (mode === 1) {
          const delegate = options.delegates[i % options.delegates.length];
          op = {
            kind: 'api-stance',
            opId,
            text,
            client: delegate.client,
            initiativeId: options.initiatives[i % options.initiatives.length],
            state: delegate.state,
            position: POSITIONS[i % 4],
          };
          attempted.push(op);
          const response = await op.client.put(
            `/api/v1/initiatives/${op.initiativeId}/stances/${op.state}`,
            { position: op.position, note: text },
            { 'idempotency-key': opId },
          );
          if (response.status === 200) acknowledged.push(op);
        } else {
          if (!socket?.connected) return;
          op = { kind: 'socket-message', opId, text, client: options.authors[w % options.authors.length] };
          attempted.push(op);
          const answer = await socket.timeout(3000).emitWithAck('message:send', { threadId: options.threadId, body: text, opId });
          if (answer?.ok) acknowledged.push(op);
        }
      } catch {
        return; // the server went away: this writer is done
      }
    }
  }

  const done = Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w))).then(() => sockets.forEach((s) => s.disconnect()));
  const acknowledgedByKind = () => {
    const counts = Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, 0])) as Record<Operation['kind'], number>;
    for (const op of acknowledged) counts[op.kind]++;
    return counts;
  };
  return { attempted, acknowledged, acknowledgedByKind, done };
}

/** Sends an operation again with the same id: applied at most once, whatever happened before. */
export async function retry(op: Operation, threadId: number): Promise<number> {
  if (op.kind === 'api-stance') {
    return (
      await op.client.put(
        `/api/v1/initiatives/${op.initiativeId}/stances/${op.state}`,
        { position: op.position, note: op.text },
        { 'idempotency-key': op.opId },
      )
    ).status;
  }
  return (await op.client.post(`/api/v1/threads/${threadId}/messages`, { body: op.text }, { 'idempotency-key': op.opId })).status;
}
