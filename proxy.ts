// Requires a session for every page. Public: /login, /register, next-auth's routes, static files.
// API routes are left out on purpose: they answer 401 as JSON themselves (`requireUser`), and
// the proxy would cut upload bodies at 10 MB (/api/datasets/upload, /api/models/upload).
import { withAuth } from 'next-auth/middleware';

// Next 16 accepts a default export here; re-exporting next-auth/middleware fails the build.
export default withAuth({ pages: { signIn: '/login' } });

export const config = {
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon\\.ico|robots\\.txt|login|register|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|txt|map)$).*)',
  ],
};
