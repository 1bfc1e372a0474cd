import type { Client } from './client';

export interface RoomSummary {
  id: number;
  title: string;
  topic: string;
  visibility: 'open' | 'discreet';
  attribution: 'named' | 'chatham';
  states: string[];
}

/**
 * A room of the demo content found by what it is (never by its id, which depends on the order of
 * the seed): the first one the client sees that matches.
 */
export async function findRoom(client: Client, match: (room: RoomSummary) => boolean = () => true): Promise<RoomSummary> {
  const rooms = (await client.get('/api/v1/threads?limit=100')).body.items as RoomSummary[];
  const found = rooms.find(match);
  if (!found) throw new Error(`No room the client sees matches ${match.toString()}`);
  return found;
}

export const openNamedRoom = (room: RoomSummary) => room.visibility === 'open' && room.attribution === 'named';
