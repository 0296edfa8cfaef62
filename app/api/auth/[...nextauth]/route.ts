// next-auth's endpoints (sign-in, sign-out, session, CSRF token) under /api/auth/*.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
