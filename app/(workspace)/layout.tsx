// The signed-in workspace: skip link, navigation bar, and the section's page.
import { redirect } from 'next/navigation';
import { NavBar } from '@/components/workspace/nav-bar';
import { getSessionUser } from '@/lib/auth/session';

export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts already sends visitors without a session to /login; this also catches a session
  // whose account was deleted since the cookie was issued.
  const user = await getSessionUser();
  if (!user) redirect('/login');

  return (
    <>
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-4 py-2 font-semibold text-indigo-700 shadow
          focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:outline-2
          focus:outline-indigo-600"
      >
        Skip to content
      </a>
      <NavBar userName={user.name} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 outline-none sm:px-6">
        {children}
      </main>
    </>
  );
}
