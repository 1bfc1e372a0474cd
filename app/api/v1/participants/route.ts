import { apiRoute } from '@/lib/http/api-route';
import { listParticipants } from '@/lib/services/participants/directory';

export const GET = apiRoute((viewer) => ({ items: listParticipants(viewer), next: null }));
