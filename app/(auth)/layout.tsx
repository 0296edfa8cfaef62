// Public pages (login, register): a centred card; anyone already signed in goes to the workspace.
import { redirect } from 'next/navigation';
import { Brand } from '@/components/brand';
import { getSessionUser } from '@/lib/auth/session';

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  if (await getSessionUser()) redirect('/datasets');

  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8">
        <Brand />
      </div>
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        {children}
      </div>
      <p className="mt-6 max-w-sm text-center text-sm text-slate-500">
        Train regression models on your own tables, on your own server.
      </p>
    </main>
  );
}
