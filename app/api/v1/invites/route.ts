import { apiRoute } from '@/lib/http/api-route';
import { createInvite, listInvites } from '@/lib/services/participants/invites';

export const GET = apiRoute((viewer) => ({ items: listInvites(viewer), next: null }));

export const POST = apiRoute(async (viewer, { body }) => createInvite(viewer, await body()), { status: 201 });
