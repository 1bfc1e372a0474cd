import { AppError } from '@/lib/errors';
import { publicApiRoute } from '@/lib/http/api-route';

const notFound = publicApiRoute(() => {
  throw new AppError('not_found', 'No such API endpoint');
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
