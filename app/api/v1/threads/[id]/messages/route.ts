import { apiRoute, operationId, pathId } from '@/lib/http/api-route';
import { listMessages, postMessage } from '@/lib/services/threads/messages';

export const GET = apiRoute((viewer, { params, query }) => listMessages(viewer, pathId(params.id), query));

export const POST = apiRoute(
  async (viewer, { params, body, request }) =>
    postMessage(viewer, pathId(params.id), await body(), operationId(request)),
  { status: 201 },
);
