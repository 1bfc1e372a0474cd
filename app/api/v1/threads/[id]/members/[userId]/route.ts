import { apiRoute, pathId } from '@/lib/http/api-route';
import { removeMember } from '@/lib/services/threads/members';

export const DELETE = apiRoute((viewer, { params }) => removeMember(viewer, pathId(params.id), pathId(params.userId)));
