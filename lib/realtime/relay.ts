import { dialect } from '../../db/dialect';
import type { Io } from './context';
import type { ServerToClientEvents } from './types';

type Relayed = { room: string; event: 'typing' | 'presence'; payload: unknown; except?: string };

/**
 * Emits to a socket.io room on every process, delivering to this process's sockets at once. (A
 * plain cross-process broadcast through the PostgreSQL adapter reaches even local sockets only
 * after its NOTIFY round trip, so an acknowledgement sent meanwhile would overtake it.)
 */
export function emitEverywhere<E extends Relayed['event']>(
  io: Io,
  room: string,
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
  except?: string,
): void {
  const local = except ? io.local.to(room).except(except) : io.local.to(room);
  (local.emit as (event: string, payload: unknown) => boolean)(event, payload);
  if (dialect() === 'postgres') io.serverSideEmit('relay', { room, event, payload, except } satisfies Relayed);
}

/** Delivers what other processes relay to this process's sockets. */
export function receiveRelays(io: Io): void {
  if (dialect() !== 'postgres') return;
  io.on('relay' as never, ({ room, event, payload, except }: Relayed) => {
    const local = except ? io.local.to(room).except(except) : io.local.to(room);
    (local.emit as (event: string, payload: unknown) => boolean)(event, payload);
  });
}
