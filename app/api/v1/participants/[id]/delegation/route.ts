import { apiRoute, pathId } from '@/lib/http/api-route';
import { setDelegation } from '@/lib/services/participants/delegations';

export const POST = apiRoute(async (viewer, { params, body }) => setDelegation(viewer, pathId(params.id), await body()));
