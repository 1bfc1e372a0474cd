import type { Viewer } from '../access/viewer';
import type { PublicActor } from './types';

export type Attribution = 'named' | 'chatham';

/** The one place that decides how a person appears: never a name or id under the Chatham House rule. */
export function publicActor(viewer: Pick<Viewer, 'id' | 'name' | 'affiliation' | 'state'>, attribution: Attribution): PublicActor {
  if (attribution === 'chatham') return { affiliation: viewer.affiliation, state: viewer.state };
  return { id: viewer.id, name: viewer.name, affiliation: viewer.affiliation, state: viewer.state };
}
