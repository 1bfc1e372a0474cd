import { apiRoute, pathId } from '@/lib/http/api-route';
import { revokeApiToken } from '@/lib/services/participants/api-tokens';

export const DELETE = apiRoute((viewer, { params }) => {
  revokeApiToken(viewer, pathId(params.id));
  return { revoked: true };
});
