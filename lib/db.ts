// The database connection: one pg pool per process, wrapped by Drizzle with the app's schema.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import * as schema from '@/db/schema';
import { getConfig } from './config';

export type Database = NodePgDatabase<typeof schema>;

let pool: Pool | undefined;
let db: Database | undefined;

/** The process's database; needs DATABASE_URL (the start script sets it for embedded PostgreSQL). */
export function getDb(): Database {
  if (db) return db;
  const url = getConfig().DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: start the app with `npm start`, or set it.');
  }
  pool = new Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  db = drizzle(pool, { schema });
  return db;
}

/** Closes the pool (tests and graceful shutdown). */
export async function closeDb(): Promise<void> {
  await pool?.end();
  pool = undefined;
  db = undefined;
}
