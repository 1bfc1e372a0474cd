// npm run db:seed — the demo content, into an empty database.
import { closeDatabase } from '../db/client';
import { seedDemoIfEmpty } from '../db/demo/seed-demo';
import { applyMigrations } from '../db/migrate';
import { seedReferenceData } from '../db/seed-reference';

applyMigrations();
seedReferenceData();
const seeded = await seedDemoIfEmpty();
console.log(seeded ? 'Demo content seeded.' : 'The database already has participants: nothing seeded.');
closeDatabase();
