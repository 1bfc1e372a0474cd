import { apiRoute, pathId } from '@/lib/http/api-route';
import { formalizeInitiative } from '@/lib/services/initiatives/formalize-initiative';

export const POST = apiRoute((viewer, { params }) => formalizeInitiative(viewer, pathId(params.id)));
