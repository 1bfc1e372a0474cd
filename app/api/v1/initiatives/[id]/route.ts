import { apiRoute, pathId } from '@/lib/http/api-route';
import { editInitiative } from '@/lib/services/initiatives/edit-initiative';
import { getInitiative } from '@/lib/services/initiatives/get-initiative';

export const GET = apiRoute((viewer, { params }) => getInitiative(viewer, pathId(params.id)));

export const PATCH = apiRoute(async (viewer, { params, body }) => editInitiative(viewer, pathId(params.id), await body()));
