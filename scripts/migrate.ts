// Applies pending database migrations (db/migrations) to DATABASE_URL: `npm run db:migrate`.
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';

/** The committed migrations, found from this file so any working folder works. */
export const migrationsFolder = path.resolve(__dirname, '..', 'db', 'migrations');

/** Applies every migration not yet recorded in the database; safe to run at every start. */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder });
  } finally {
    await pool.end();
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
