import { apiRoute } from '@/lib/http/api-route';
import { listEvents } from '@/lib/services/events/list-events';

export const GET = apiRoute((viewer, { query }) => listEvents(viewer, query));
