// npm run facilitator -- EMAIL — the first facilitator of a database without demo content.
// Asks for a name and a password, or reads FACILITATOR_NAME and FACILITATOR_PASSWORD.
import { Writable } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { closeDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedReferenceData } from '../db/seed-reference';
import { isAppError } from '../lib/errors';
import { createParticipant } from '../lib/services/participants/register';
import { restrictNewFiles } from '../lib/data-folder';
import { readEnv } from '../lib/env';

const email = process.argv[2];
if (!email) {
  console.error('Usage: npm run facilitator -- EMAIL');
  process.exit(2);
}

async function ask(question: string, fromEnv: string | undefined, { secret = false } = {}): Promise<string> {
  if (fromEnv) return fromEnv;
  const output = new Writable({
    // While a secret is typed, nothing the terminal would echo is written back.
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  let muted = false;
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
  const answer = rl.question(question);
  muted = secret;
  const value = await answer;
  rl.close();
  if (secret) process.stdout.write('\n');
  return value;
}

restrictNewFiles();
await applyMigrations();
await seedReferenceData();
const env = readEnv();
const name = await ask('Name: ', env.FACILITATOR_NAME);
const password = await ask('Password (at least 10 characters): ', env.FACILITATOR_PASSWORD, { secret: true });
try {
  const user = await createParticipant({ name, email, password, affiliation: 'expert' }, 'facilitator');
  console.log(`Facilitator ${user.name} <${user.email}> created (id ${user.id}).`);
} catch (error) {
  if (isAppError(error)) {
    console.error(`Not created: ${error.message}${error.fields ? ` ${JSON.stringify(error.fields)}` : ''}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await closeDatabase();
}
