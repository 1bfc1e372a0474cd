import { sql } from 'drizzle-orm';
import { db } from '../client';
import { loadViewer, type Viewer } from '../../lib/access/viewer';
import { setClock } from '../../lib/clock';
import type { Position, StateCode } from '../../lib/consensus/codes';
import { addEndorsement } from '../../lib/services/initiatives/endorsements';
import { formalizeInitiative } from '../../lib/services/initiatives/formalize-initiative';
import { joinInitiative } from '../../lib/services/initiatives/join-initiative';
import { proposeInitiative } from '../../lib/services/initiatives/propose-initiative';
import { setStance } from '../../lib/services/initiatives/set-stance';
import { approveReadout, draftReadout } from '../../lib/services/meetings/readouts';
import { scheduleMeeting } from '../../lib/services/meetings/schedule-meeting';
import { createInvite } from '../../lib/services/participants/invites';
import { createParticipant } from '../../lib/services/participants/register';
import { createThread } from '../../lib/services/threads/create-thread';
import { addMember } from '../../lib/services/threads/members';
import { postMessage } from '../../lib/services/threads/messages';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

/** No participant yet: a fresh installation. */
export async function databaseIsEmpty(): Promise<boolean> {
  return !(await db().get(sql`SELECT 1 FROM participants LIMIT 1`));
}

/** Seeds the demo into an empty database (no participants yet). Returns whether it did. */
export async function seedDemoIfEmpty(): Promise<boolean> {
  if (!(await databaseIsEmpty())) return false;
  try {
    await seedDemo();
  } finally {
    setClock(null);
  }
  return true;
}

/**
 * The demo tells the chapter's story through the services themselves, so every row has its
 * events: two weeks of consultations on water, migration, health, visas, drug trafficking and the
 * Aral Sea, with initiatives in every status and format.
 */
async function seedDemo(): Promise<void> {
  let clock = Date.now() - 15 * 86_400_000;
  const tick = (hours: number) => {
    clock += hours * 3_600_000;
    setClock(new Date(clock));
  };
  tick(0);

  const people: Record<string, Viewer> = {};
  const facilitatorAccount = DEMO_ACCOUNTS.find((a) => a.facilitator)!;
  const facilitator = await createParticipant(
    {
      name: facilitatorAccount.name,
      email: facilitatorAccount.email,
      password: DEMO_PASSWORD,
      affiliation: facilitatorAccount.affiliation,
      organization: facilitatorAccount.organization,
    },
    'facilitator',
  );
  people.facilitator = (await loadViewer(facilitator.id))!;

  for (const account of DEMO_ACCOUNTS.filter((a) => !a.facilitator)) {
    tick(1);
    const inviteCode = account.state ? (await createInvite(people.facilitator, { state: account.state })).code : undefined;
    const user = await createParticipant(
      {
        name: account.name,
        email: account.email,
        password: DEMO_PASSWORD,
        affiliation: account.affiliation,
        organization: account.organization,
        ...(inviteCode ? { inviteCode } : {}),
      },
      'participant',
    );
    people[account.key] = (await loadViewer(user.id))!;
  }
  const { facilitator: fac, kz, kg, tj, tm, uz, expert, civil, partner } = people;
  const delegateOf: Record<StateCode, Viewer> = { KZ: kz, KG: kg, TJ: tj, TM: tm, UZ: uz };
  const say = async (who: Viewer, threadId: number, body: string, hours = 3) => {
    tick(hours);
    await postMessage(who, threadId, { body });
  };
  const stance = async (initiativeId: number, state: StateCode, position: Position, note?: string, hours = 5) => {
    tick(hours);
    await setStance(delegateOf[state], initiativeId, state, { position, ...(note ? { note } : {}) });
  };

  // 1. Water: the Amu Darya and the Syr Darya.
  tick(6);
  const water = (
    await createThread(fac, {
      title: 'Sharing the Amu Darya and the Syr Darya in the growing season',
      topic: 'water',
      summary:
        'Upstream states need winter hydropower, downstream states need summer irrigation. This room looks for what can be agreed **now**, issue by issue, without a new basin organization.',
      states: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
      partners: ['UN', 'EU'],
      visibility: 'open',
      attribution: 'named',
    })
  ).id;
  await say(
    expert,
    water,
    'Our flow data for 2025 shows the Syr Darya at 78 % of the long-term mean in July. A shared *early-warning* feed would help every ministry plan releases.',
  );
  await say(kg, water, 'Kyrgyzstan can share Toktogul reservoir levels daily if the data is used for planning, not for claims.');
  tick(4);
  const earlyWarning = (
    await proposeInitiative(expert, water, {
      title: 'Joint early-warning data exchange on river flows',
      summary:
        'Hydromet services publish daily flow and reservoir data to a shared feed, with UN technical support. No new body; each state keeps its own service.',
      states: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
      partners: ['UN'],
      openToJoin: true,
    })
  ).id;
  await stance(earlyWarning, 'KG', 'endorse', 'Daily Toktogul levels from the next season.');
  await stance(earlyWarning, 'KZ', 'endorse');
  await stance(earlyWarning, 'UZ', 'endorse', 'Uzhydromet is ready to connect.');
  await stance(earlyWarning, 'TM', 'step_aside', 'Turkmenistan follows the exchange as a neutral state and may join later.');
  await stance(earlyWarning, 'TJ', 'endorse');
  tick(2);
  await addEndorsement(expert, earlyWarning);
  await addEndorsement(partner, earlyWarning);

  tick(10);
  const releases = (
    await proposeInitiative(kg, water, {
      title: 'Seasonal release schedule for the Toktogul and Nurek reservoirs',
      summary: 'Upstream releases in April–August follow a schedule agreed each March, in exchange for energy deliveries in winter.',
      states: ['KG', 'TJ', 'KZ', 'UZ'],
      partners: [],
      openToJoin: true,
    })
  ).id;
  await stance(releases, 'KG', 'endorse');
  await stance(releases, 'TJ', 'endorse');
  await stance(releases, 'KZ', 'reservation', 'The energy compensation formula needs a technical annex before Kazakhstan can endorse.');
  await say(kz, water, 'To be clear: our reservation is about the annex, not about the schedule itself.');
  tick(6);
  const chuTalas = (
    await proposeInitiative(kg, water, {
      title: 'Joint monitoring of the Chu and Talas rivers',
      summary:
        'The two states already share these rivers under a bilateral commission; this extends it to shared water-quality monitoring.',
      states: ['KG', 'KZ'],
      partners: [],
      openToJoin: true,
    })
  ).id;
  await stance(chuTalas, 'KG', 'endorse');

  // 2. Labour migration, under the Chatham House rule.
  tick(12);
  const migration = (
    await createThread(civil, {
      title: 'Labour migration: pensions and recognition of work records',
      topic: 'migration',
      summary:
        'Millions of Central Asians work abroad. Under the Chatham House rule: what is said here may be used, who said it is not revealed.',
      states: ['KZ', 'KG', 'TJ', 'UZ'],
      partners: ['RU'],
      visibility: 'open',
      attribution: 'chatham',
    })
  ).id;
  await say(civil, migration, 'Returning workers lose years of pension rights. Our association counts 40,000 such cases a year.');
  await say(tj, migration, 'A recognition of work records between our states would be a first step, before any talk of a treaty.');
  tick(3);
  const pensions = (
    await proposeInitiative(civil, migration, {
      title: 'Portable pension rights for labour migrants',
      summary: 'Work records in one state count towards a pension in another. A pilot among three states, open to others.',
      states: ['KG', 'TJ', 'UZ'],
      partners: ['RU'],
      openToJoin: true,
    })
  ).id;
  await stance(pensions, 'KG', 'endorse');
  await stance(pensions, 'TJ', 'endorse', 'Subject to a review by the Ministry of Labour.');
  tick(1);
  await addEndorsement(civil, pensions);

  // 3. Disease surveillance: formalized after consensus.
  tick(14);
  const health = (
    await createThread(fac, {
      title: 'Disease surveillance and cross-border health alerts',
      topic: 'health',
      summary: 'Shared alerts on outbreaks at border crossings, building on what health ministries already report to WHO.',
      states: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
      partners: ['EU', 'KR', 'UN'],
      visibility: 'open',
      attribution: 'named',
    })
  ).id;
  tick(3);
  const alerts = (
    await proposeInitiative(fac, health, {
      title: 'Shared epidemiological alert channel',
      summary: 'Health ministries post outbreak alerts within 24 hours to one channel, with EU and Korean support for laboratories.',
      states: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
      partners: ['EU', 'KR'],
      openToJoin: false,
    })
  ).id;
  for (const state of ['UZ', 'KZ', 'KG', 'TJ', 'TM'] as const) await stance(alerts, state, 'endorse', undefined, 8);
  tick(24);
  await formalizeInitiative(fac, alerts);
  await say(fac, health, 'The alert channel is **formalized**. Thank you all; the laboratories workshop follows in spring.');

  // 4. Kazakhstan–Uzbekistan mutual visa recognition: a CA-2 open to others.
  tick(10);
  const visas = (
    await createThread(kz, {
      title: 'Kazakhstan–Uzbekistan mutual visa recognition',
      topic: 'visas-tourism',
      summary:
        'A tourist holding a visa of one state may visit the other: the "Silk Visa" idea, started by two states and open to the rest.',
      states: ['KZ', 'UZ'],
      partners: [],
      visibility: 'open',
      attribution: 'named',
    })
  ).id;
  tick(2);
  const silkVisa = (
    await proposeInitiative(kz, visas, {
      title: 'Mutual recognition of tourist visas',
      summary: 'Each state recognizes the other’s tourist visas for stays of up to 21 days. Any Central Asian state may join.',
      states: ['KZ', 'UZ'],
      partners: [],
      openToJoin: true,
    })
  ).id;
  await stance(silkVisa, 'UZ', 'endorse');
  await stance(silkVisa, 'KZ', 'endorse');
  await say(kg, visas, 'Kyrgyzstan is watching this closely; we may join once the pilot season ends.');
  tick(1);
  await addEndorsement(partner, silkVisa);

  // 5. Drug trafficking: a discreet room under the Chatham House rule, with partners.
  tick(16);
  const trafficking = (
    await createThread(fac, {
      title: 'Drug trafficking along the northern route',
      topic: 'drug-trafficking',
      summary: 'A discreet consultation on border liaison, with UN and EU support. Only its members see this room.',
      states: ['KG', 'TJ', 'UZ'],
      partners: ['AF', 'UN', 'EU'],
      visibility: 'discreet',
      attribution: 'chatham',
    })
  ).id;
  for (const member of [tj, kg, uz, expert]) {
    tick(1);
    await addMember(fac, trafficking, { userId: member.id });
  }
  await say(tj, trafficking, 'Seizures on the Tajik–Afghan border rose again this year. Liaison offices at three crossings would help.');
  tick(3);
  const liaison = (
    await proposeInitiative(tj, trafficking, {
      title: 'Joint border liaison offices',
      summary: 'Officers of neighbouring services share one office at each of three crossings, with UNODC training and EU equipment.',
      states: ['TJ', 'KG', 'UZ'],
      partners: ['UN', 'EU'],
      openToJoin: true,
    })
  ).id;
  await stance(liaison, 'TJ', 'endorse');

  // 6. The Aral Sea: formalized as a CA-2 + JP, with Turkmenistan acceding.
  tick(12);
  const aral = (
    await createThread(expert, {
      title: 'The Aral Sea: restoring the delta and the dried seabed',
      topic: 'environment',
      summary: 'Salt and dust storms from the dried seabed affect the whole region. Projects that work, state by state, with partners.',
      states: ['KZ', 'UZ', 'TM'],
      partners: ['JP', 'KR', 'UN'],
      visibility: 'open',
      attribution: 'named',
    })
  ).id;
  tick(2);
  const saxaul = (
    await proposeInitiative(expert, aral, {
      title: 'Saxaul planting on the dried seabed',
      summary: 'Plant saxaul forests on 500,000 hectares of the former seabed to hold the salt, with Japanese support for nurseries.',
      states: ['KZ', 'UZ'],
      partners: ['JP'],
      openToJoin: true,
    })
  ).id;
  await stance(saxaul, 'KZ', 'endorse');
  await stance(saxaul, 'UZ', 'endorse');
  tick(30);
  await formalizeInitiative(fac, saxaul);
  tick(20);
  await joinInitiative(tm, saxaul);
  await say(tm, aral, 'Turkmenistan joins the planting programme; our stance follows after consultations in Ashgabat.');
  tick(1);
  await addEndorsement(civil, saxaul);

  // 7. Meetings: a ministerial round on water last week, its readout released; senior officials on health next week.
  const day = 86_400_000;
  const at = (days: number, hourUtc: number) => {
    const d = new Date(Date.now() + days * day);
    d.setUTCHours(hourUtc, 0, 0, 0);
    return d.toISOString();
  };
  tick(1);
  const waterRound = await scheduleMeeting(fac, {
    title: 'Water ministers: the growing season',
    level: 'ministerial',
    startsAt: at(-6, 4),
    endsAt: at(-6, 12),
    timezone: 'Asia/Tashkent',
    place: 'Tashkent, Congress Hall',
    chairState: 'UZ',
    states: ['KZ', 'KG', 'TJ', 'UZ'],
    agenda: [{ initiativeId: earlyWarning }, { title: 'Summer releases from Toktogul and Nurek' }, { title: 'Any other business' }],
  });
  setClock(new Date(Math.max(clock, Date.parse(waterRound.endsAt) + 3_600_000)));
  await draftReadout(uz, waterRound.id, {
    body: 'The ministers **welcomed** the joint early-warning data exchange and asked their hydromet services to connect by the next season.\n\n- Daily reservoir levels are shared from April.\n- Summer releases are discussed again at senior officials’ level in May.',
  });
  for (const state of ['KZ', 'KG', 'TJ', 'UZ'] as const) await approveReadout(delegateOf[state], waterRound.id, {});
  await scheduleMeeting(fac, {
    title: 'Senior officials on health alerts',
    level: 'senior_officials',
    startsAt: at(5, 5),
    endsAt: at(5, 11),
    timezone: 'Asia/Almaty',
    place: 'Almaty',
    chairState: 'KZ',
    states: ['KZ', 'KG', 'TJ', 'TM', 'UZ'],
    agenda: [{ initiativeId: alerts }, { title: 'Laboratories workshop in spring' }],
  });
}
