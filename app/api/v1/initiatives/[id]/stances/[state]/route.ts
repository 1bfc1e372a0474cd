import { apiRoute, operationId, pathId } from '@/lib/http/api-route';
import { setStance } from '@/lib/services/initiatives/set-stance';

export const PUT = apiRoute(async (viewer, { params, body, request }) =>
  setStance(viewer, pathId(params.id), params.state, await body(), operationId(request)),
);
