// npm run facilitator -- EMAIL — the first facilitator of a database without demo content.
// Asks for a name and a password, or reads FACILITATOR_NAME and FACILITATOR_PASSWORD.
import { createInterface } from 'node:readline/promises';
import { closeDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedReferenceData } from '../db/seed-reference';
import { isAppError } from '../lib/errors';
import { registerParticipant } from '../lib/services/participants/register';

const email = process.argv[2];
if (!email) {
  console.error('Usage: npm run facilitator -- EMAIL');
  process.exit(2);
}

async function ask(question: string, fromEnv: string | undefined): Promise<string> {
  if (fromEnv) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return answer;
}

applyMigrations();
seedReferenceData();
const name = await ask('Name: ', process.env.FACILITATOR_NAME);
const password = await ask('Password (at least 10 characters): ', process.env.FACILITATOR_PASSWORD);
try {
  const user = await registerParticipant({ name, email, password, affiliation: 'expert' }, { role: 'facilitator' });
  console.log(`Facilitator ${user.name} <${user.email}> created (id ${user.id}).`);
} catch (error) {
  if (isAppError(error)) {
    console.error(`Not created: ${error.message}${error.fields ? ` ${JSON.stringify(error.fields)}` : ''}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  closeDatabase();
}
