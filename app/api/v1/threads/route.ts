import { apiRoute } from '@/lib/http/api-route';
import { createThread } from '@/lib/services/threads/create-thread';
import { listThreads } from '@/lib/services/threads/list-threads';

export const GET = apiRoute((viewer, { query }) => listThreads(viewer, query));

export const POST = apiRoute(async (viewer, { body }) => createThread(viewer, await body()), { status: 201 });
