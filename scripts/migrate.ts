// npm run db:migrate — applies the committed migrations and the reference lists.
import { closeDatabase, database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedReferenceData } from '../db/seed-reference';
import { databasePath } from '../lib/env';

await applyMigrations();
await seedReferenceData();
console.log(`Migrated ${database().dialect === 'postgres' ? 'the PostgreSQL database' : databasePath()}`);
await closeDatabase();
