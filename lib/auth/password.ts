// Password hashing with argon2id (memory-hard), the OWASP-recommended choice for stored passwords.
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// OWASP's argon2id profile: 19 MiB, 2 passes, 1 lane; tens of milliseconds per hash here,
// slow enough to make offline guessing expensive, fast enough for a login form.
// `Algorithm` is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id.
const options = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** A self-describing PHC string (`$argon2id$v=19$m=…`) holding the salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Whether `password` matches `passwordHash`; a malformed hash counts as no match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
