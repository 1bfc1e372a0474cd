import { publicApiRoute } from '@/lib/http/api-route';
import { clientAddress } from '@/lib/http/client-address';
import { checkRegistrationRate } from '@/lib/services/rate-limits';
import { registerParticipant } from '@/lib/services/participants/register';

export const POST = publicApiRoute(
  async ({ request, body }) => {
    const input = await body();
    await checkRegistrationRate(clientAddress(request.headers));
    return registerParticipant(input);
  },
  { status: 201 },
);
