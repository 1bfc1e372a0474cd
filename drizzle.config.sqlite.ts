import { defineConfig } from 'drizzle-kit';

// npm run db:generate writes a migration for each dialect from its schema file.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/sqlite.ts',
  out: './db/migrations/sqlite',
});
