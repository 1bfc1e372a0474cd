import { currentTokenVersions } from '../access/viewer';
import type { Io, LiveSocket } from './context';

export const MAX_QUEUED_PACKETS = 1000;

/**
 * Once a second, off the broadcast path, closes the sockets that must not stay open:
 * - whose session expired (the browser reconnects with its refreshed cookie);
 * - whose participant's token version moved (signed out, delegation changed, account disabled —
 *   wherever that happened), read in one query for every connected participant;
 * - that stopped reading while broadcasts continue (they would buffer without bound; they catch
 *   up from the log when they reconnect).
 */
export function startSweep(io: Io, maxBufferedBytes: number): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const sockets = [...io.sockets.sockets.values()];
      for (const socket of sockets) if (stoppedReading(socket, maxBufferedBytes)) socket.disconnect(true);
      const versions = await currentTokenVersions([...new Set(sockets.map((s) => s.data.participantId))]);
      const now = Date.now() / 1000;
      for (const socket of sockets) if (socket.connected && sessionEnded(socket, now, versions)) socket.disconnect(true);
    } catch {
      // The database is away: sessions are checked again on the next tick.
    } finally {
      running = false;
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}

function sessionEnded(socket: LiveSocket, now: number, versions: Map<number, number>): boolean {
  if (socket.data.expiresAt && socket.data.expiresAt <= now) return true;
  return versions.get(socket.data.participantId) !== socket.data.tokenVersion;
}

function stoppedReading(socket: LiveSocket, maxBufferedBytes: number): boolean {
  const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } };
  const queued = conn.writeBuffer?.length ?? 0;
  const buffered = conn.transport?.socket?.bufferedAmount ?? 0;
  return queued > MAX_QUEUED_PACKETS || buffered > maxBufferedBytes;
}
