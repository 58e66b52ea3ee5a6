import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migrations, generated from the schema derived in src/schema-pg (see drizzle.config.ts for SQLite).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema-pg/kit.ts',
  out: './migrations-pg',
});
