// Applies pending database migrations (db/migrations) to DATABASE_URL: `npm run db:migrate`.
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client } from 'pg';

/** The committed migrations, found from this file so any working folder works. */
export const migrationsFolder = path.resolve(__dirname, '..', 'db', 'migrations');

/** Any fixed number: the advisory lock that serialises migrations across processes. */
const migrationLockKey = 7_310_245;

/**
 * Applies every migration not yet recorded in the database; safe to run at every start, and from
 * several web servers and workers at once (they take turns under an advisory lock).
 */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: it names the database to migrate.');
    process.exit(1);
  }
  runMigrations(url).then(
    () => console.log('Migrations applied.'),
    (error) => {
      console.error('Migrations failed:', error);
      process.exit(1);
    },
  );
}
