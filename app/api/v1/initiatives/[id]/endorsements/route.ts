import { apiRoute, pathId } from '@/lib/http/api-route';
import { addEndorsement, removeEndorsement } from '@/lib/services/initiatives/endorsements';

export const POST = apiRoute((viewer, { params }) => addEndorsement(viewer, pathId(params.id)));

export const DELETE = apiRoute((viewer, { params }) => removeEndorsement(viewer, pathId(params.id)));
