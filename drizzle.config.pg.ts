import { defineConfig } from 'drizzle-kit';

// npm run db:generate writes a migration for each dialect from its schema file.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/pg.ts',
  out: './db/migrations/pg',
});
