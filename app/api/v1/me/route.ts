import { sessionUser } from '@/lib/access/viewer';
import { apiRoute } from '@/lib/http/api-route';

export const GET = apiRoute((viewer) => sessionUser(viewer));
