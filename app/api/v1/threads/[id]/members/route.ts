import { apiRoute, pathId } from '@/lib/http/api-route';
import { addMember, listMembers } from '@/lib/services/threads/members';

export const GET = apiRoute((viewer, { params }) => ({ items: listMembers(viewer, pathId(params.id)), next: null }));

export const POST = apiRoute(async (viewer, { params, body }) => addMember(viewer, pathId(params.id), await body()), { status: 201 });
