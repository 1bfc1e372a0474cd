import type { StateCode } from '../consensus/codes';
import type { Viewer } from './viewer';
import { canSeeThread, seesDiscreetRooms, type ThreadAccess } from './visibility';

/**
 * Who may do what (PRODUCT.md, "Who uses it"), as pure predicates. Services call these and
 * nothing else decides a permission; the authorization matrix tests them through every transport.
 */
export const isFacilitator = (v: Pick<Viewer, 'role'>) => v.role === 'facilitator';

/** Observers read only; everyone else may write messages where they can see the room. */
export const canPost = (v: Viewer) => isFacilitator(v) || v.affiliation !== 'observer';

export const canPostIn = (v: Viewer, t: ThreadAccess) => canSeeThread(v, t) && canPost(v);

/** Governments, experts and civil society propose; partners and observers do not. */
export const canPropose = (v: Viewer) =>
  isFacilitator(v) || v.affiliation === 'government' || v.affiliation === 'expert' || v.affiliation === 'civil_society';

export const canCreateThread = (v: Viewer, visibility: 'open' | 'discreet') =>
  visibility === 'discreet' ? isFacilitator(v) : canPropose(v);

/** A facilitator adds anyone to a room it can see; anyone may take a seat in an open room. */
export const canAddMember = (v: Viewer, t: ThreadAccess, memberId: number) =>
  canSeeThread(v, t) && (isFacilitator(v) || (t.visibility === 'open' && memberId === v.id));

/** Whoever is seated must be able to see the room: an observer is never seated in a discreet one. */
export const canBeSeatedIn = (member: Pick<Viewer, 'affiliation' | 'role'>, t: Pick<ThreadAccess, 'visibility'>) =>
  t.visibility === 'open' || seesDiscreetRooms(member);

export const canEndorse = (v: Viewer) => isFacilitator(v) || v.affiliation !== 'observer';

/** Editing the text belongs to its proposer and to facilitators. */
export const canEditInitiative = (v: Viewer, proposerId: number) => isFacilitator(v) || v.id === proposerId;

/** Only a verified delegate of that very state; a facilitator never sets a state's stance. */
export const canSetStanceFor = (v: Viewer, state: StateCode) => !isFacilitator(v) && v.state === state;
/** A note to the chair is read by the facilitators and by the delegates of the state that wrote it, nobody else. */
export const canReadChairNote = (v: Viewer, state: StateCode) => isFacilitator(v) || canSetStanceFor(v, state);

/**
 * A state's implementation of a formalized initiative is reported by that state's own delegate,
 * as its stance is: a facilitator reviews implementation (sets the review date) but never
 * reports it for a state.
 */
export const canReportImplementationFor = (v: Viewer, state: StateCode) => canSetStanceFor(v, state);
/** The review date of a formalized initiative is the chair's. */
export const canSetReviewDate = (v: Viewer) => isFacilitator(v);

export const canJoinForOwnState = (v: Viewer) => !isFacilitator(v) && v.state !== null;
/** A partner's representative brings their partner in as +X (it never sets a stance nor counts in A). */
export const canJoinAsPartner = (v: Viewer) => !isFacilitator(v) && v.affiliation === 'partner' && v.partner !== null;

export const canFormalize = (v: Viewer) => isFacilitator(v);

export const canManageDelegations = (v: Viewer) => isFacilitator(v);

/** Meetings are convened by facilitators. */
export const canScheduleMeetings = (v: Viewer) => isFacilitator(v);

type MeetingSeats = { chairState: StateCode | null; states: readonly StateCode[] };

/** The chair drafts the readout: a facilitator, or a delegate of the chair state. */
export const canDraftReadout = (v: Viewer, m: MeetingSeats) =>
  isFacilitator(v) || (m.chairState !== null && canSetStanceFor(v, m.chairState));

/** Each attending state approves through its own delegate. */
export const canApproveReadout = (v: Viewer, m: MeetingSeats) =>
  v.state !== null && m.states.includes(v.state) && canSetStanceFor(v, v.state);

/** A draft under negotiation is read at the table only: facilitators and the attending states' delegates. */
export const canReadReadoutDraft = (v: Viewer, m: MeetingSeats) => canDraftReadout(v, m) || canApproveReadout(v, m);

/** A room's title, summary, topic and tags belong to its creator and the facilitators. */
export const canEditThread = (v: Viewer, createdBy: number) => isFacilitator(v) || v.id === createdBy;
/** Closing a room (read-only from then on) is the chair's. */
export const canArchiveThread = (v: Viewer) => isFacilitator(v);

/** How long an author may correct a message after posting it. */
export const MESSAGE_EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Only its author edits or retracts a message (a facilitator hides it instead). */
export const canEditMessage = (v: Viewer, authorId: number) => v.id === authorId;
/** Hiding a message, reading hidden texts, edit histories and the reports queue: facilitators. */
export const canModerate = (v: Pick<Viewer, 'role'>) => isFacilitator(v);
/** The audit of facilitators' actions is read by facilitators. */
export const canReadAudit = (v: Pick<Viewer, 'role'>) => isFacilitator(v);
