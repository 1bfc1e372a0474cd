// npm run db:seed — the demo content, into an empty database.
import { closeDatabase } from '../db/client';
import { prepareDatabase } from '../db/startup';

const { seeded } = await prepareDatabase('seed');
console.log(seeded ? 'Demo content seeded.' : 'The database already has participants: nothing seeded.');
await closeDatabase();
