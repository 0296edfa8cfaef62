// GET /api/tokens: the signed-in user's API tokens (name, prefix, created, last used; never the
// secret). POST /api/tokens { name }: a new token, answered once in full and stored as a hash.
import { createToken, listTokens, type ApiToken } from '@/lib/access';
import { requireUser } from '@/lib/auth/session';
import { generateToken } from '@/lib/auth/tokens';
import { apiRoute, json, parseInput, readJson } from '@/lib/http';
import { createTokenSchema } from '@/lib/predictions/schema';

/** A token as lists show it: everything but its hash. */
function tokenView(row: ApiToken) {
  const { tokenHash: _hash, ...view } = row;
  return view;
}

export const GET = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  return json({ tokens: (await listTokens(user.id)).map(tokenView) });
});

export const POST = apiRoute(async (request: Request) => {
  const user = await requireUser(request);
  const { name } = parseInput(createTokenSchema, await readJson(request));
  const { token, tokenHash, prefix } = generateToken();
  const row = await createToken(user.id, { name, tokenHash, prefix });
  return json({ token: tokenView(row), secret: token }, { status: 201 });
});
