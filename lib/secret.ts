// The session-signing secret: NEXTAUTH_SECRET when set, else one generated into DATA_DIR/secret.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Shorter secrets are rejected: JWT signing keys are derived from them. */
const minimumLength = 32;

/**
 * The secret to sign sessions with. When `fromEnv` is unset, reads DATA_DIR/secret, creating it
 * on first run (32 random bytes, mode 600, never committed: data/ is git-ignored). Every web
 * server of one installation must use the same secret, or sessions from one fail on the other.
 */
export async function ensureSessionSecret(dataDir: string, fromEnv?: string): Promise<string> {
  if (fromEnv) {
    if (fromEnv.length < minimumLength) {
      throw new Error(`NEXTAUTH_SECRET must be at least ${minimumLength} characters long`);
    }
    return fromEnv;
  }
  const file = path.join(dataDir, 'secret');
  await fs.mkdir(dataDir, { recursive: true });
  // Written whole to a temporary file, then linked into place: link fails when the file exists,
  // so processes starting at once agree on one secret and never read a half-written one.
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  try {
    await fs.link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
  await fs.chmod(file, 0o600);
  const secret = (await fs.readFile(file, 'utf8')).trim();
  if (secret.length < minimumLength) {
    throw new Error(`${file} holds no usable secret: delete it to have a new one generated`);
  }
  return secret;
}
