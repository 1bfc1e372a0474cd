import { apiRoute } from '@/lib/http/api-route';
import { createApiToken, listApiTokens } from '@/lib/services/participants/api-tokens';

export const GET = apiRoute((viewer) => ({ items: listApiTokens(viewer), next: null }));

export const POST = apiRoute(async (viewer, { body }) => createApiToken(viewer, await body()), { status: 201 });
