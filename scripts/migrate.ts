// npm run db:migrate — applies the committed migrations and the reference lists.
import { closeDatabase } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedReferenceData } from '../db/seed-reference';
import { databasePath } from '../lib/env';

applyMigrations();
seedReferenceData();
console.log(`Migrated ${databasePath()}`);
closeDatabase();
