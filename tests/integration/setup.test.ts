import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { useTestDatabase } from '../helpers/db';

describe('the test database', () => {
  const database = useTestDatabase();

  it('is reachable through getDb with every table migrated', async () => {
    expect(process.env.DATABASE_URL).toBe(database.url());
    const result = await getDb().execute(sql`SELECT count(*)::int AS n FROM jobs`);
    expect(result.rows[0]).toEqual({ n: 0 });
  });
});
