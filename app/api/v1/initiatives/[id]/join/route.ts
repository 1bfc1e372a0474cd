import { apiRoute, pathId } from '@/lib/http/api-route';
import { joinInitiative } from '@/lib/services/initiatives/join-initiative';

export const POST = apiRoute((viewer, { params }) => joinInitiative(viewer, pathId(params.id)));
