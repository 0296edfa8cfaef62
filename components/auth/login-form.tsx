'use client';
// The login form: signs in through next-auth and shows each failure next to the field it concerns.
import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useRef, useState } from 'react';
import { decodeLoginFailure } from '@/lib/auth/login-errors';
import { PrimaryButton, focusRing } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';

interface Errors {
  fields?: Record<string, string>;
  form?: string;
}

/** Only same-site paths may be returned to, so a crafted link cannot send users elsewhere. */
export function safeCallbackPath(callbackUrl: string | undefined): string {
  if (!callbackUrl || !callbackUrl.startsWith('/') || callbackUrl.startsWith('//')) {
    return '/datasets';
  }
  if (callbackUrl.startsWith('/login') || callbackUrl.startsWith('/register')) return '/datasets';
  return callbackUrl;
}

export function LoginForm({
  callbackUrl,
  notice,
  initialError,
}: {
  callbackUrl?: string;
  notice?: string;
  initialError?: string;
}) {
  const [errors, setErrors] = useState<Errors>({ form: initialError });
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setErrors({});

    const result = await signIn('credentials', {
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
      redirect: false,
    }).catch(() => undefined);

    if (result?.ok && !result.error) {
      // A full navigation, so that every server component renders with the new session.
      window.location.assign(safeCallbackPath(callbackUrl));
      return;
    }
    const failure = decodeLoginFailure(result?.error ?? '');
    const fields =
      failure.fields && Object.keys(failure.fields).length > 0 ? failure.fields : undefined;
    setErrors({ fields, form: fields ? undefined : failure.message });
    setPending(false);
    // Move focus to the first field in error, so keyboard and screen-reader users land on it.
    const first = fields && Object.keys(fields)[0];
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      {notice && !errors.form && <FormAlert tone="success">{notice}</FormAlert>}
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        autoFocus
        error={errors.fields?.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.fields?.password}
      />
      <PrimaryButton type="submit" pending={pending} pendingLabel="Logging in…" className="w-full">
        Log in
      </PrimaryButton>
      <p className="text-center text-sm text-slate-600">
        New to Cidra-ML?{' '}
        <Link
          href="/register"
          className={`font-semibold text-indigo-700 hover:underline ${focusRing}`}
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
