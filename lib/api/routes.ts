import { database } from '../../db/client';
import { sessionUser } from '../access/viewer';
import { notFound } from '../errors';
import { clientAddress } from '../http/client-address';
import { operationId, pathId, RawResponse, withViewer, type ApiHandler } from '../http/api-route';
import { toCsv } from '../csv';
import { markDashboardSeen } from '../services/dashboard/changes-since';
import { EXPORT_COLUMNS, exportInitiatives } from '../services/dashboard/export';
import { getDashboard } from '../services/dashboard/get-dashboard';
import { statusHistory } from '../services/dashboard/status-history';
import { listEvents } from '../services/events/list-events';
import { editInitiative } from '../services/initiatives/edit-initiative';
import { addEndorsement, removeEndorsement } from '../services/initiatives/endorsements';
import { formalizeInitiative } from '../services/initiatives/formalize-initiative';
import { setImplementation } from '../services/initiatives/implementation';
import { getInitiative } from '../services/initiatives/get-initiative';
import { joinInitiative } from '../services/initiatives/join-initiative';
import { listInitiatives } from '../services/initiatives/list-initiatives';
import { proposeInitiative } from '../services/initiatives/propose-initiative';
import { confirmStance, setStance } from '../services/initiatives/set-stance';
import { breakSilence, startSilence } from '../services/initiatives/silence';
import { listVersions } from '../services/initiatives/versions';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/participants/api-tokens';
import { setAccountDisabled } from '../services/participants/account-status';
import { setDelegation } from '../services/participants/delegations';
import { listParticipants } from '../services/participants/directory';
import { createInvite, listInvites } from '../services/participants/invites';
import { registerParticipant } from '../services/participants/register';
import { checkRegistrationRate } from '../services/rate-limits';
import { createThread } from '../services/threads/create-thread';
import { getThread } from '../services/threads/get-thread';
import { listThreads } from '../services/threads/list-threads';
import { addMember, listMembers, removeMember } from '../services/threads/members';
import { listMessages, postMessage } from '../services/threads/messages';
import { calendarFeed, calendarFeedContent, meetingCalendar, resetCalendarFeed } from '../services/meetings/calendar';
import { getMeeting, listMeetings } from '../services/meetings/get-meeting';
import { listPublicReadouts } from '../services/meetings/public-readouts';
import { approveReadout, draftReadout } from '../services/meetings/readouts';
import { scheduleMeeting, updateMeeting } from '../services/meetings/schedule-meeting';
import { publicOrigin } from '../http/public-origin';
import { search } from '../services/search/search';
import { follow, listFollows, unfollow } from '../services/notifications/follows';
import {
  listNotifications,
  markRead,
  notificationSettings,
  setOwnLocale,
  updateNotificationSettings,
} from '../services/notifications/inbox';
import { participantOfToken, unsubscribe } from '../services/notifications/unsubscribe';
import { requestLocale } from '../http/request-locale';
import { listAudit } from '../services/moderation/audit';
import { editMessage, hideMessage, messageHistory, retractMessage } from '../services/moderation/message-changes';
import { listReports, reportMessage, resolveReport } from '../services/moderation/reports';
import { archiveThread, updateThread } from '../services/threads/update-thread';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  handler: ApiHandler;
  /** The status of a success (201 for creations). */
  status?: number;
}

const all = async <T>(items: Promise<T[]>) => ({ items: await items, next: null });
const DOWNLOAD_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/**
 * The JSON API (PRODUCT.md), one line per endpoint: each calls one service, which validates,
 * authorizes and writes. Served by the custom server ahead of Next (see lib/http/node-api.ts).
 */
export const ROUTES: Route[] = [
  {
    method: 'GET',
    path: '/api/health',
    handler: async () => {
      const db = database();
      await db.ping();
      return { status: 'ok', database: db.dialect };
    },
  },
  {
    method: 'POST',
    path: '/api/v1/register',
    status: 201,
    handler: async ({ headers, body }) => {
      const input = await body();
      await checkRegistrationRate(clientAddress(headers));
      return registerParticipant(input);
    },
  },
  { method: 'GET', path: '/api/v1/me', handler: withViewer((viewer) => sessionUser(viewer)) },
  { method: 'PATCH', path: '/api/v1/me', handler: withViewer(async (viewer, { body }) => setOwnLocale(viewer, await body())) },
  {
    method: 'GET',
    path: '/api/v1/notifications',
    handler: withViewer(async (viewer, { query, headers }) => listNotifications(viewer, query, await requestLocale(headers, viewer))),
  },
  {
    method: 'POST',
    path: '/api/v1/notifications/read',
    handler: withViewer(async (viewer, { body }) => markRead(viewer, await body())),
  },
  { method: 'GET', path: '/api/v1/me/notifications', handler: withViewer((viewer) => notificationSettings(viewer)) },
  {
    method: 'PUT',
    path: '/api/v1/me/notifications',
    handler: withViewer(async (viewer, { body }) => updateNotificationSettings(viewer, await body())),
  },
  { method: 'GET', path: '/api/v1/follows', handler: withViewer((viewer) => all(listFollows(viewer))) },
  { method: 'POST', path: '/api/v1/follows', handler: withViewer(async (viewer, { body }) => follow(viewer, await body())) },
  { method: 'DELETE', path: '/api/v1/follows', handler: withViewer(async (viewer, { body }) => unfollow(viewer, await body())) },
  // One-click unsubscribe (RFC 8058): no session, the signed address is the proof. A GET (an older
  // mail program following the link) goes to the page that asks first.
  { method: 'POST', path: '/api/v1/unsubscribe/:token', handler: ({ params }) => unsubscribe(params.token) },
  {
    method: 'GET',
    path: '/api/v1/unsubscribe/:token',
    handler: ({ params }) => {
      participantOfToken(params.token);
      return new RawResponse(303, { location: `/unsubscribe/${params.token}`, 'cache-control': 'no-store' }, '');
    },
  },
  { method: 'GET', path: '/api/v1/me/tokens', handler: withViewer((viewer) => all(listApiTokens(viewer))) },
  {
    method: 'POST',
    path: '/api/v1/me/tokens',
    status: 201,
    handler: withViewer(async (viewer, { body }) => createApiToken(viewer, await body())),
  },
  {
    method: 'DELETE',
    path: '/api/v1/me/tokens/:id',
    handler: withViewer(async (viewer, { params }) => {
      await revokeApiToken(viewer, pathId(params.id));
      return { revoked: true };
    }),
  },

  { method: 'GET', path: '/api/v1/threads', handler: withViewer((viewer, { query }) => listThreads(viewer, query)) },
  {
    method: 'POST',
    path: '/api/v1/threads',
    status: 201,
    handler: withViewer(async (viewer, { body }) => createThread(viewer, await body())),
  },
  { method: 'GET', path: '/api/v1/threads/:id', handler: withViewer((viewer, { params }) => getThread(viewer, pathId(params.id))) },
  {
    method: 'PATCH',
    path: '/api/v1/threads/:id',
    handler: withViewer(async (viewer, { params, body }) => updateThread(viewer, pathId(params.id), await body())),
  },
  {
    method: 'POST',
    path: '/api/v1/threads/:id/archive',
    handler: withViewer((viewer, { params }) => archiveThread(viewer, pathId(params.id))),
  },
  {
    method: 'GET',
    path: '/api/v1/threads/:id/members',
    handler: withViewer((viewer, { params }) => all(listMembers(viewer, pathId(params.id)))),
  },
  {
    method: 'POST',
    path: '/api/v1/threads/:id/members',
    status: 201,
    handler: withViewer(async (viewer, { params, body }) => addMember(viewer, pathId(params.id), await body())),
  },
  {
    method: 'DELETE',
    path: '/api/v1/threads/:id/members/:userId',
    handler: withViewer((viewer, { params }) => removeMember(viewer, pathId(params.id), pathId(params.userId))),
  },
  {
    method: 'GET',
    path: '/api/v1/threads/:id/messages',
    handler: withViewer((viewer, { params, query }) => listMessages(viewer, pathId(params.id), query)),
  },
  {
    method: 'POST',
    path: '/api/v1/threads/:id/messages',
    status: 201,
    handler: withViewer(async (viewer, { params, body, headers }) =>
      postMessage(viewer, pathId(params.id), await body(), operationId(headers)),
    ),
  },
  {
    method: 'GET',
    path: '/api/v1/threads/:id/initiatives',
    handler: withViewer(async (viewer, { params, query }) =>
      listInitiatives(viewer, { ...query, threadId: String((await getThread(viewer, pathId(params.id))).id) }),
    ),
  },
  {
    method: 'POST',
    path: '/api/v1/threads/:id/initiatives',
    status: 201,
    handler: withViewer(async (viewer, { params, body }) => proposeInitiative(viewer, pathId(params.id), await body())),
  },

  // Moderation (PRODUCT.md Part 2): each route calls one service, which authorizes and writes.
  {
    method: 'PATCH',
    path: '/api/v1/messages/:id',
    handler: withViewer(async (viewer, { params, body }) => editMessage(viewer, pathId(params.id), await body())),
  },
  {
    method: 'DELETE',
    path: '/api/v1/messages/:id',
    handler: withViewer((viewer, { params }) => retractMessage(viewer, pathId(params.id))),
  },
  {
    method: 'POST',
    path: '/api/v1/messages/:id/hide',
    handler: withViewer(async (viewer, { params, body }) => hideMessage(viewer, pathId(params.id), await body())),
  },
  {
    method: 'GET',
    path: '/api/v1/messages/:id/history',
    handler: withViewer((viewer, { params }) => messageHistory(viewer, pathId(params.id))),
  },
  {
    method: 'POST',
    path: '/api/v1/messages/:id/reports',
    status: 201,
    handler: withViewer(async (viewer, { params, body }) => reportMessage(viewer, pathId(params.id), await body())),
  },
  { method: 'GET', path: '/api/v1/reports', handler: withViewer((viewer, { query }) => listReports(viewer, query)) },
  {
    method: 'POST',
    path: '/api/v1/reports/:id/resolve',
    handler: withViewer(async (viewer, { params, body }) => resolveReport(viewer, pathId(params.id), await body())),
  },
  { method: 'GET', path: '/api/v1/audit', handler: withViewer((viewer, { query }) => listAudit(viewer, query)) },

  { method: 'GET', path: '/api/v1/initiatives', handler: withViewer((viewer, { query }) => listInitiatives(viewer, query)) },
  { method: 'GET', path: '/api/v1/search', handler: withViewer((viewer, { query }) => search(viewer, query)) },
  { method: 'GET', path: '/api/v1/initiatives/:id', handler: withViewer((viewer, { params }) => getInitiative(viewer, pathId(params.id))) },
  {
    method: 'PATCH',
    path: '/api/v1/initiatives/:id',
    handler: withViewer(async (viewer, { params, body }) => editInitiative(viewer, pathId(params.id), await body())),
  },
  {
    method: 'PUT',
    path: '/api/v1/initiatives/:id/stances/:state',
    handler: withViewer(async (viewer, { params, body, headers }) =>
      setStance(viewer, pathId(params.id), params.state, await body(), operationId(headers)),
    ),
  },
  {
    method: 'POST',
    path: '/api/v1/initiatives/:id/stances/:state/confirm',
    handler: withViewer((viewer, { params }) => confirmStance(viewer, pathId(params.id), params.state)),
  },
  {
    method: 'PUT',
    path: '/api/v1/initiatives/:id/implementation/:state',
    handler: withViewer(async (viewer, { params, body, headers }) =>
      setImplementation(viewer, pathId(params.id), params.state, await body(), operationId(headers)),
    ),
  },
  {
    method: 'GET',
    path: '/api/v1/initiatives/:id/versions',
    handler: withViewer((viewer, { params, query }) => listVersions(viewer, pathId(params.id), query)),
  },
  {
    method: 'POST',
    path: '/api/v1/initiatives/:id/silence',
    handler: withViewer(async (viewer, { params, body }) => startSilence(viewer, pathId(params.id), await body())),
  },
  {
    method: 'POST',
    path: '/api/v1/initiatives/:id/silence/break',
    handler: withViewer(async (viewer, { params, body }) => breakSilence(viewer, pathId(params.id), await body())),
  },
  {
    method: 'POST',
    path: '/api/v1/initiatives/:id/join',
    handler: withViewer((viewer, { params }) => joinInitiative(viewer, pathId(params.id))),
  },
  {
    method: 'POST',
    path: '/api/v1/initiatives/:id/endorsements',
    handler: withViewer((viewer, { params }) => addEndorsement(viewer, pathId(params.id))),
  },
  {
    method: 'DELETE',
    path: '/api/v1/initiatives/:id/endorsements',
    handler: withViewer((viewer, { params }) => removeEndorsement(viewer, pathId(params.id))),
  },
  {
    method: 'POST',
    path: '/api/v1/initiatives/:id/formalize',
    handler: withViewer((viewer, { params }) => formalizeInitiative(viewer, pathId(params.id))),
  },

  {
    method: 'GET',
    path: '/api/v1/dashboard',
    handler: withViewer(async (viewer, { query }) => ({ ...(await getDashboard(viewer, query)), history: await statusHistory(viewer) })),
  },
  {
    method: 'GET',
    path: '/api/v1/export/initiatives.csv',
    handler: withViewer(async (viewer, { query }) => {
      const csv = toCsv(EXPORT_COLUMNS, await exportInitiatives(viewer, query));
      return new RawResponse(
        200,
        {
          ...DOWNLOAD_HEADERS,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="chaikhana-initiatives.csv"',
        },
        csv,
      );
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/export/initiatives.json',
    handler: withViewer(async (viewer, { query }) => ({ items: await exportInitiatives(viewer, query), next: null })),
  },
  {
    method: 'POST',
    path: '/api/v1/me/dashboard-seen',
    handler: withViewer(async (viewer, { body }) => markDashboardSeen(viewer, await body())),
  },
  { method: 'GET', path: '/api/v1/events', handler: withViewer((viewer, { query }) => listEvents(viewer, query)) },
  { method: 'GET', path: '/api/v1/invites', handler: withViewer((viewer) => all(listInvites(viewer))) },
  {
    method: 'POST',
    path: '/api/v1/invites',
    status: 201,
    handler: withViewer(async (viewer, { body }) => createInvite(viewer, await body())),
  },
  { method: 'GET', path: '/api/v1/participants', handler: withViewer((viewer) => all(listParticipants(viewer))) },
  {
    method: 'POST',
    path: '/api/v1/participants/:id/delegation',
    handler: withViewer(async (viewer, { params, body }) => setDelegation(viewer, pathId(params.id), await body())),
  },
  {
    method: 'POST',
    path: '/api/v1/participants/:id/disable',
    handler: withViewer((viewer, { params }) => setAccountDisabled(viewer, pathId(params.id), true)),
  },
  {
    method: 'POST',
    path: '/api/v1/participants/:id/enable',
    handler: withViewer((viewer, { params }) => setAccountDisabled(viewer, pathId(params.id), false)),
  },
  { method: 'GET', path: '/api/v1/meetings', handler: withViewer((viewer, { query }) => listMeetings(viewer, query)) },
  {
    method: 'POST',
    path: '/api/v1/meetings',
    status: 201,
    handler: withViewer(async (viewer, { body }) => scheduleMeeting(viewer, await body())),
  },
  { method: 'GET', path: '/api/v1/meetings/:id', handler: withViewer((viewer, { params }) => getMeeting(viewer, pathId(params.id))) },
  {
    method: 'PATCH',
    path: '/api/v1/meetings/:id',
    handler: withViewer(async (viewer, { params, body }) => updateMeeting(viewer, pathId(params.id), await body())),
  },
  {
    method: 'GET',
    path: '/api/v1/meetings/:id/calendar.ics',
    handler: withViewer(async (viewer, { params, headers }) =>
      calendarResponse(await meetingCalendar(viewer, pathId(params.id), publicOrigin(headers)), `meeting-${params.id}.ics`),
    ),
  },
  {
    method: 'PUT',
    path: '/api/v1/meetings/:id/readout',
    handler: withViewer(async (viewer, { params, body }) => draftReadout(viewer, pathId(params.id), await body())),
  },
  {
    method: 'POST',
    path: '/api/v1/meetings/:id/readout/approve',
    handler: withViewer(async (viewer, { params, body }) => approveReadout(viewer, pathId(params.id), await body())),
  },
  // Public: released readouts of open rooms' meetings, and calendar feeds (their address is the secret).
  { method: 'GET', path: '/api/v1/readouts', handler: ({ query }) => listPublicReadouts(query) },
  { method: 'GET', path: '/api/v1/me/calendar', handler: withViewer((viewer, { headers }) => calendarFeed(viewer, publicOrigin(headers))) },
  {
    method: 'POST',
    path: '/api/v1/me/calendar/reset',
    handler: withViewer((viewer, { headers }) => resetCalendarFeed(viewer, publicOrigin(headers))),
  },
  {
    method: 'GET',
    path: '/api/v1/calendar/:feed',
    handler: async ({ params, headers }) =>
      calendarResponse(await calendarFeedContent(params.feed, publicOrigin(headers)), 'chaikhana.ics'),
  },
];

function calendarResponse(body: string, filename: string): RawResponse {
  return new RawResponse(
    200,
    { ...DOWNLOAD_HEADERS, 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` },
    body,
  );
}

export const notFoundHandler: ApiHandler = () => {
  throw notFound('noSuchEndpoint');
};
