import { apiRoute } from '@/lib/http/api-route';
import { listInitiatives } from '@/lib/services/initiatives/list-initiatives';

export const GET = apiRoute((viewer, { query }) => listInitiatives(viewer, query));
