import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client, signedIn } from './client';
import type { TestServer } from './server';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const TEST_PASSWORD = 'a-long-enough-password';

export interface Person {
  client: Client;
  id: number;
  name: string;
  email: string;
}

async function asPerson(client: Client, name: string, email: string): Promise<Person> {
  const me = await client.get('/api/v1/me');
  if (me.status !== 200) throw new Error(`${email} is not signed in: ${me.status}`);
  return { client, id: me.body.id, name, email };
}

/** Registers someone through the API (not a demo account) and signs them in. */
export async function register(
  baseUrl: string,
  person: { name: string; email: string; affiliation: string; organization?: string; inviteCode?: string },
): Promise<Person> {
  const response = await new Client(baseUrl).post('/api/v1/register', { password: TEST_PASSWORD, ...person });
  if (response.status !== 201) throw new Error(`Could not register ${person.email}: ${response.status} ${JSON.stringify(response.body)}`);
  return asPerson(await signedIn(baseUrl, person.email, TEST_PASSWORD), person.name, person.email);
}

/** A facilitator made the way an operator makes the first one (`npm run facilitator`), signed in. */
export async function facilitator(server: TestServer, email: string, name: string): Promise<Person> {
  const made = spawnSync('npx', ['tsx', 'scripts/create-facilitator.ts', email], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : { DATABASE_PATH: server.dbPath }),
      FACILITATOR_NAME: name,
      FACILITATOR_PASSWORD: TEST_PASSWORD,
    },
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`Could not create facilitator ${email}: ${made.stderr}`);
  return asPerson(await signedIn(server.url, email, TEST_PASSWORD), name, email);
}

/** A new session for someone whose sessions a changed delegation ended. */
export async function signInAgain(baseUrl: string, person: Person): Promise<Person> {
  return { ...person, client: await signedIn(baseUrl, person.email, TEST_PASSWORD) };
}

/** Grants (or, with null, revokes) a delegation; it ends the person's sessions, so they sign in again. */
export async function setDelegation(baseUrl: string, by: Client, person: Person, state: string | null): Promise<Person> {
  const answer = await by.post(`/api/v1/participants/${person.id}/delegation`, { state });
  if (answer.status !== 200) throw new Error(`Could not set ${person.email}'s delegation to ${state}: ${answer.status}`);
  return signInAgain(baseUrl, person);
}

/** A delegate of `state`, granted by a facilitator as PRODUCT.md requires. */
export async function delegate(baseUrl: string, by: Client, person: { name: string; email: string }, state: string): Promise<Person> {
  return setDelegation(baseUrl, by, await register(baseUrl, { ...person, affiliation: 'expert' }), state);
}

/** A script's client holding a personal API token of `owner` (Authorization: Bearer). */
export async function tokenClient(baseUrl: string, owner: Client, name: string): Promise<{ client: Client; tokenId: number }> {
  const created = await owner.post('/api/v1/me/tokens', { name });
  if (created.status !== 201) throw new Error(`Could not create a token: ${created.status}`);
  const client = new Client(baseUrl);
  client.bearer = created.body.token;
  return { client, tokenId: created.body.id };
}
