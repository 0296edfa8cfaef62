// POST /api/register: creates an account. Public; the user logs in afterwards.
import { createUser } from '@/lib/auth/users';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { registerSchema } from './schema';

export const POST = apiRoute(async (request: Request) => {
  const input = parseInput(registerSchema, await readJson(request));
  const user = await createUser(input);
  return json({ user }, { status: 201 });
});
