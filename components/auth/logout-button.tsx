'use client';
// Ends the session, then goes to the login page on this same host.
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { focusRing } from '../ui/button';

export function LogoutButton({ className = '' }: { className?: string }) {
  const [pending, setPending] = useState(false);

  async function logOut() {
    setPending(true);
    // redirect:false, then a relative navigation: next-auth's own redirect would go to
    // NEXTAUTH_URL, which may name another host than the one the user typed.
    await signOut({ redirect: false });
    window.location.assign('/login');
  }

  return (
    <button
      type="button"
      onClick={logOut}
      disabled={pending}
      className={`rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100
        hover:text-slate-900 disabled:opacity-60 ${focusRing} ${className}`}
    >
      {pending ? 'Logging out…' : 'Log out'}
    </button>
  );
}
