import { apiRoute, pathId } from '@/lib/http/api-route';
import { getThread } from '@/lib/services/threads/get-thread';

export const GET = apiRoute((viewer, { params }) => getThread(viewer, pathId(params.id)));
