// next-auth configuration: email + password through the Credentials provider, sessions as JWTs.
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { log } from '@/lib/log';
import { toAppError } from '@/lib/errors';
import { clientAddress } from './client-address';
import { usesSecureCookies } from './cookies';
import { encodeLoginFailure } from './login-errors';
import { login } from './login';

/** How long a session lasts without logging in again, in seconds. */
export const SESSION_MAX_AGE_SEC = 7 * 24 * 60 * 60;

const credentials = CredentialsProvider({
  name: 'Email and password',
  credentials: {
    email: { label: 'Email', type: 'email' },
    password: { label: 'Password', type: 'password' },
  },
  async authorize(input, request) {
    try {
      return await login(input, clientAddress(request?.headers ?? {}));
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) log.error('Login failed on the server', { error });
      // next-auth forwards only the thrown message to the form, so the whole failure rides in it.
      throw new Error(
        encodeLoginFailure({
          code: appError.code,
          message: appError.message,
          fields: appError.fields,
        }),
      );
    }
  },
});

/**
 * The options of the next-auth route. The secret is not set here: next-auth reads NEXTAUTH_SECRET
 * itself at request time, which lets `next build` load this module without one.
 */
export const authOptions: AuthOptions = {
  providers: [credentials],
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SEC },
  useSecureCookies: usesSecureCookies(),
  pages: { signIn: '/login', error: '/login' },
  callbacks: {
    // The JWT carries only the user's id, name and email; `getSessionUser` re-reads the account.
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.email = user.email;
      }
      return token;
    },
  },
};
