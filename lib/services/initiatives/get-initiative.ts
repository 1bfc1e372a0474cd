import type { Viewer } from '../../access/viewer';
import { visibleInitiative } from './initiative-access';
import { serializeInitiatives, type InitiativeView } from './serialize-initiative';

export function getInitiative(viewer: Viewer, id: number): InitiativeView {
  const { initiative, thread } = visibleInitiative(viewer, id);
  return serializeInitiatives([{ ...initiative, attribution: thread.attribution, topic: thread.topic }], viewer.id)[0];
}
