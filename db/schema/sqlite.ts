import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { EMAIL_MODES, NOTIFICATION_TYPES } from '../../lib/notifications/types';
import { AFFILIATIONS, IMPLEMENTATION_STATUSES, MEETING_LEVELS, POSITIONS, ROLES, STATUSES } from '../../lib/consensus/codes';

const createdAt = () => text('created_at').notNull();

// Reference data: seeded, extensible.
export const states = sqliteTable('states', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameRu: text('name_ru').notNull(),
  sort: integer('sort').notNull(),
});

export const partners = sqliteTable('partners', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameRu: text('name_ru').notNull(),
});

export const topics = sqliteTable('topics', {
  slug: text('slug').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameRu: text('name_ru').notNull(),
});

export const participants = sqliteTable('participants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  affiliation: text('affiliation', { enum: AFFILIATIONS }).notNull(),
  organization: text('organization'),
  role: text('role', { enum: ROLES }).notNull().default('participant'),
  /** Bumped on sign-out, delegation change or disabling: every older session stops working. */
  tokenVersion: integer('token_version').notNull().default(1),
  /** The last event this participant saw on the dashboard: "changed since your last visit". */
  dashboardSeenEventId: integer('dashboard_seen_event_id').notNull().default(0),
  disabledAt: text('disabled_at'),
  createdAt: createdAt(),
  /** The partner (EU, JP, …) a partner account represents, granted by a facilitator; never self-declared. */
  partnerCode: text('partner_code').references(() => partners.code),
  /** Bumped to retire this participant's calendar feed address (the address is derived from it). */
  calendarGeneration: integer('calendar_generation').notNull().default(1),
  /** The language of this participant's emails and notifications (the switcher or PATCH /api/v1/me); null: English. */
  locale: text('locale'),
  /** Email of notifications: 'off', 'immediate' or a 'daily' digest. */
  emailMode: text('email_mode', { enum: EMAIL_MODES }).notNull().default('daily'),
});

/** At most one verified delegation per participant; granted by a facilitator or through an invite. */
export const delegations = sqliteTable('delegations', {
  participantId: integer('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  stateCode: text('state_code')
    .notNull()
    .references(() => states.code),
  grantedBy: integer('granted_by').references(() => participants.id),
  grantedAt: text('granted_at').notNull(),
});

export const invites = sqliteTable('invites', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  codeHash: text('code_hash').notNull().unique(),
  /** What the invite makes its registrant: a delegate of a state, a partner's representative, or an affiliation. */
  stateCode: text('state_code').references(() => states.code),
  partnerCode: text('partner_code').references(() => partners.code),
  affiliation: text('affiliation', { enum: AFFILIATIONS }),
  createdBy: integer('created_by')
    .notNull()
    .references(() => participants.id),
  createdAt: createdAt(),
  expiresAt: text('expires_at').notNull(),
  usedBy: integer('used_by').references(() => participants.id),
  usedAt: text('used_at'),
});

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  participantId: integer('participant_id')
    .notNull()
    .references(() => participants.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  /** Kept to the minute: when a script last used the token. */
  lastUsedAt: text('last_used_at'),
  /** Optional: the token stops working at this instant. */
  expiresAt: text('expires_at'),
  revokedAt: text('revoked_at'),
});

export const threads = sqliteTable(
  'threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    topic: text('topic')
      .notNull()
      .references(() => topics.slug),
    summary: text('summary').notNull(),
    visibility: text('visibility', { enum: ['open', 'discreet'] }).notNull(),
    attribution: text('attribution', { enum: ['named', 'chatham'] }).notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
    lastActivityAt: text('last_activity_at').notNull(),
    messageCount: integer('message_count').notNull().default(0),
    initiativeCount: integer('initiative_count').notNull().default(0),
    /** Archived rooms are read-only (lib/services/threads/archive-thread.ts). */
    archivedAt: text('archived_at'),
    archivedBy: integer('archived_by').references(() => participants.id),
  },
  (t) => [index('threads_topic_idx').on(t.topic), index('threads_visibility_idx').on(t.visibility)],
);

export const threadStates = sqliteTable(
  'thread_states',
  {
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.stateCode] }), index('thread_states_state_idx').on(t.stateCode)],
);

export const threadPartners = sqliteTable(
  'thread_partners',
  {
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    partnerCode: text('partner_code')
      .notNull()
      .references(() => partners.code),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.partnerCode] })],
);

export const memberships = sqliteTable(
  'memberships',
  {
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    addedBy: integer('added_by').references(() => participants.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.participantId] }), index('memberships_participant_idx').on(t.participantId)],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => participants.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
    /** The last edit by its author (within 15 minutes); earlier texts are in message_edits. */
    editedAt: text('edited_at'),
    /** Withdrawn by its author: the text is erased (body, history, index, event payloads). */
    retractedAt: text('retracted_at'),
    /** Hidden by a facilitator: the text stays for facilitators only, with the reason. */
    hiddenAt: text('hidden_at'),
    hiddenBy: integer('hidden_by').references(() => participants.id),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [index('messages_thread_idx').on(t.threadId, t.id)],
);

/** The earlier texts of an edited message, read by facilitators only. */
export const messageEdits = sqliteTable(
  'message_edits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    /** When this text was written (the message's creation or an earlier edit). */
    writtenAt: text('written_at').notNull(),
    replacedAt: text('replaced_at').notNull(),
  },
  (t) => [index('message_edits_message_idx').on(t.messageId, t.id)],
);

/** A reader's report of a message, for the facilitators' queue. */
export const messageReports = sqliteTable(
  'message_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    reporterId: integer('reporter_id')
      .notNull()
      .references(() => participants.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    /** `resolved` (acted on) or `dismissed`, by a facilitator. */
    resolution: text('resolution', { enum: ['resolved', 'dismissed'] }),
    resolvedBy: integer('resolved_by').references(() => participants.id),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('message_reports_open_idx').on(t.resolvedAt, t.id), uniqueIndex('message_reports_once_idx').on(t.messageId, t.reporterId)],
);

export const initiatives = sqliteTable(
  'initiatives',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    openToJoin: integer('open_to_join').notNull(),
    // Derived by lib/consensus from the stances, stored with every change so lists can filter and sort.
    status: text('status', { enum: STATUSES }).notNull(),
    format: text('format').notNull(),
    label: text('label').notNull(),
    minus: text('minus').notNull().default(''),
    endorsementCount: integer('endorsement_count').notNull().default(0),
    createdBy: integer('created_by')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
    formalizedAt: text('formalized_at'),
    formalizedBy: integer('formalized_by').references(() => participants.id),
    /** The current text's version: 1 is the proposal, each edit of title or summary adds one. */
    version: integer('version').notNull().default(1),
    /** A running silence procedure: adopted at the deadline unless a state breaks silence. */
    silenceStartedAt: text('silence_started_at'),
    silenceDeadline: text('silence_deadline'),
    /** When a facilitator reviews the implementation of a formalized initiative (ISO 8601 date). */
    reviewAt: text('review_at'),
  },
  (t) => [
    index('initiatives_thread_idx').on(t.threadId),
    index('initiatives_status_idx').on(t.status, t.id),
    index('initiatives_format_idx').on(t.format, t.id),
    index('initiatives_updated_idx').on(t.updatedAt, t.id),
  ],
);

/** One row per participating state: the set of rows is P, the participating states. */
export const stances = sqliteTable(
  'stances',
  {
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
    position: text('position', { enum: POSITIONS }).notNull().default('pending'),
    note: text('note'),
    setAt: text('set_at'),
    setBy: integer('set_by').references(() => participants.id),
    joinedAt: text('joined_at').notNull(),
    /** Joined after formalization and not yet endorsed. */
    acceding: integer('acceding').notNull().default(0),
    /** A reservation's condition ("would endorse if …"). */
    condition: text('condition'),
    /** An endorsement pending the capital's confirmation, by `confirm_by`; unconfirmed then, it lapses to pending. */
    adReferendum: integer('ad_referendum').notNull().default(0),
    confirmBy: text('confirm_by'),
    /** Said only to the chair: facilitators and this state's delegates read it, nobody else, nowhere else. */
    chairNote: text('chair_note'),
    /** The text's version the stance was set on. */
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.stateCode] }), index('stances_state_idx').on(t.stateCode, t.position)],
);

/** Every text an initiative has had: version 1 is the proposal, one more per edit of title or summary. */
export const initiativeVersions = sqliteTable(
  'initiative_versions',
  {
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    editedBy: integer('edited_by')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.version] })],
);

export const initiativePartners = sqliteTable(
  'initiative_partners',
  {
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    partnerCode: text('partner_code')
      .notNull()
      .references(() => partners.code),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.partnerCode] }), index('initiative_partners_partner_idx').on(t.partnerCode)],
);

export const endorsements = sqliteTable(
  'endorsements',
  {
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.participantId] })],
);

/**
 * The append-only event log: the source of truth for live updates, timelines and recovery.
 * `actor` and `payload` are stored already fit for every reader who may see the event
 * (anonymised in chatham rooms); `actor_id` is kept for audit and is never sent out.
 */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
    initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'cascade' }),
    /** For events outside any room (delegations, invites): the participant it concerns, if any. */
    subjectId: integer('subject_id').references(() => participants.id),
    actorId: integer('actor_id').references(() => participants.id),
    actor: text('actor'),
    payload: text('payload').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('events_thread_idx').on(t.threadId, t.id), index('events_initiative_idx').on(t.initiativeId, t.id)],
);

/** Client operation ids: a retried write answers with the first result instead of applying twice. */
export const operations = sqliteTable(
  'operations',
  {
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    opId: text('op_id').notNull(),
    result: text('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.opId] })],
);

/** Flags (`open_to_join`, `acceding`) are 0/1 integers and timestamps ISO-8601 text, in both dialects. */

/**
 * Dashboard totals over initiatives in open rooms, kept with each write instead of recounted:
 * buckets `all`, `status:<s>`, `format:<CA-n>`, `minus`, `plus`, `topic:<slug>`. A viewer's
 * discreet rooms are added on read.
 */
export const dashboardTotals = sqliteTable('dashboard_totals', {
  bucket: text('bucket').primaryKey(),
  count: integer('count').notNull().default(0),
});

/**
 * Changes in the number of open-room initiatives per status, by week (Monday, UTC): the running
 * sum is "initiatives per status at the end of each week", the consensus-over-time chart.
 */
export const statusDeltas = sqliteTable(
  'status_deltas',
  {
    week: text('week').notNull(),
    status: text('status', { enum: STATUSES }).notNull(),
    delta: integer('delta').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.week, t.status] })],
);

/** Settings shared by every process (PostgreSQL keeps the generated NEXTAUTH_SECRET here). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Jobs due at a time (deadlines), run exactly once across every process: a due job is claimed in
 * the database (with SKIP LOCKED on PostgreSQL), run, and marked done in the same transaction.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    /** What the job is about, e.g. `initiative:42`: one pending job per kind and key. */
    key: text('key').notNull(),
    runAt: text('run_at').notNull(),
    payload: text('payload').notNull().default('{}'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    doneAt: text('done_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('jobs_due_idx').on(t.doneAt, t.runAt),
    uniqueIndex('jobs_pending_key_idx')
      .on(t.kind, t.key)
      .where(sql`done_at IS NULL`),
  ],
);

/** Each participating state's implementation of a formalized initiative. */
export const implementations = sqliteTable(
  'implementations',
  {
    initiativeId: integer('initiative_id')
      .notNull()
      .references(() => initiatives.id, { onDelete: 'cascade' }),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
    status: text('status', { enum: IMPLEMENTATION_STATUSES }).notNull(),
    note: text('note'),
    setAt: text('set_at').notNull(),
    setBy: integer('set_by').references(() => participants.id),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.stateCode] }), index('implementations_state_idx').on(t.stateCode, t.status)],
);

/** A meeting of the region: in a room (and as discreet as it) or of everyone signed in when it has none. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    level: text('level', { enum: MEETING_LEVELS }).notNull(),
    /** Instants in UTC (ISO 8601); `timezone` is the IANA zone the meeting keeps its own time in. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    timezone: text('timezone').notNull(),
    place: text('place'),
    chairState: text('chair_state').references(() => states.code),
    createdBy: integer('created_by')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('meetings_starts_idx').on(t.startsAt, t.id), index('meetings_thread_idx').on(t.threadId)],
);

/** The states attending a meeting. */
export const meetingStates = sqliteTable(
  'meeting_states',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.stateCode] })],
);

/** A meeting's ordered agenda: initiatives and free items. */
export const agendaItems = sqliteTable(
  'agenda_items',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.position] }), index('agenda_items_initiative_idx').on(t.initiativeId)],
);

/** What a meeting agreed, drafted by its chair and released once every attending state approved it. */
export const readouts = sqliteTable('readouts', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  /** One more with each edit; approvals are of a version. */
  version: integer('version').notNull().default(1),
  draftedBy: integer('drafted_by')
    .notNull()
    .references(() => participants.id),
  updatedAt: text('updated_at').notNull(),
  releasedAt: text('released_at'),
});

/** A state's approval of the readout's current text (an edit removes them all). */
export const readoutApprovals = sqliteTable(
  'readout_approvals',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => readouts.meetingId, { onDelete: 'cascade' }),
    stateCode: text('state_code')
      .notNull()
      .references(() => states.code),
    version: integer('version').notNull(),
    approvedBy: integer('approved_by')
      .notNull()
      .references(() => participants.id),
    approvedAt: text('approved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.stateCode] })],
);

/** What a participant follows besides their state's initiatives (followed without a row). */
export const follows = sqliteTable(
  'follows',
  {
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind', { enum: ['thread', 'initiative'] }).notNull(),
    targetId: integer('target_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.targetKind, t.targetId] }), index('follows_target_idx').on(t.targetKind, t.targetId)],
);

/** The kinds of notification a participant turned off (in the app and by email). */
export const notificationMutes = sqliteTable(
  'notification_mutes',
  {
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    type: text('type', { enum: NOTIFICATION_TYPES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.participantId, t.type] })],
);

/** One thing one participant should know; its title is written in the reader's language when read. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    type: text('type', { enum: NOTIFICATION_TYPES }).notNull(),
    /** What the title is made of (titles, states, dates — never a person's name). */
    params: text('params').notNull(),
    threadId: integer('thread_id').references(() => threads.id, { onDelete: 'cascade' }),
    initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'cascade' }),
    meetingId: integer('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    readAt: text('read_at'),
    /** Put in an email (immediate or digest): never mailed twice. */
    mailedAt: text('mailed_at'),
  },
  (t) => [index('notifications_participant_idx').on(t.participantId, t.id)],
);

/** Emails to send, written in the transaction of the change; sent by the outbox runner with retries. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['immediate', 'digest'] }).notNull(),
    /** The notifications it tells of (JSON array of ids). */
    notificationIds: text('notification_ids').notNull(),
    createdAt: createdAt(),
    /** Not tried before this instant (backoff after a failure). */
    dueAt: text('due_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A runner is sending it until then; after a crash another runner takes it over once this passed. */
    claimedUntil: text('claimed_until'),
    sentAt: text('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_due_idx').on(t.sentAt, t.dueAt)],
);
