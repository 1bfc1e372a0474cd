import { apiRoute, pathId } from '@/lib/http/api-route';
import { listInitiatives } from '@/lib/services/initiatives/list-initiatives';
import { proposeInitiative } from '@/lib/services/initiatives/propose-initiative';
import { getThread } from '@/lib/services/threads/get-thread';

export const GET = apiRoute((viewer, { params, query }) => {
  const thread = getThread(viewer, pathId(params.id));
  return listInitiatives(viewer, { ...query, threadId: String(thread.id) });
});

export const POST = apiRoute(async (viewer, { params, body }) => proposeInitiative(viewer, pathId(params.id), await body()), { status: 201 });
