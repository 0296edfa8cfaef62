// The register form's input: name, email (normalised), and a password that is not trivially weak.
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/rules';
import { normaliseEmail } from '@/lib/auth/users';

/** A few passwords that meet the length rule yet are the first ones any attacker tries. */
const commonPasswords = new Set([
  '12345678',
  '123456789',
  '1234567890',
  'password',
  'password1',
  'passw0rd',
  'qwertyui',
  'qwerty123',
  'iloveyou',
  '11111111',
  '00000000',
  'abcdefgh',
  'abc12345',
  'letmein1',
]);

export const registerSchema = z.object({
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, { error: 'Enter your name.' })
    .max(100, { error: 'Use at most 100 characters for your name.' }),
  email: z
    .string({ error: 'Enter your email address.' })
    .transform(normaliseEmail)
    .pipe(
      z
        .email({ error: 'Enter a valid email address, like name@example.com.' })
        .max(254, { error: 'This email address is too long.' }),
    ),
  password: z
    .string({ error: 'Choose a password.' })
    .min(MIN_PASSWORD_LENGTH, {
      error: `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`,
    })
    .max(200, { error: 'Use at most 200 characters for your password.' })
    .refine((password) => !commonPasswords.has(password.toLowerCase()), {
      error: 'This password is too common. Choose one that is harder to guess.',
    }),
});

export type RegisterInput = z.infer<typeof registerSchema>;
