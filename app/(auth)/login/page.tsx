// /login: email and password.
import type { Metadata } from 'next';
import { LoginForm } from '@/components/auth/login-form';
import { decodeLoginFailure } from '@/lib/auth/login-errors';

export const metadata: Metadata = { title: 'Log in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; registered?: string; error?: string }>;
}) {
  const { callbackUrl, registered, error } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold text-slate-900">Log in to your workspace</h1>
      <LoginForm
        callbackUrl={callbackUrl}
        notice={registered ? 'Your account is ready. Log in to continue.' : undefined}
        // next-auth sends its own failures (without JavaScript, or a misconfiguration) here.
        initialError={error ? decodeLoginFailure(error).message : undefined}
      />
    </>
  );
}
