'use client';
// The register form: posts to /api/register and shows the server's message beside each field.
import Link from 'next/link';
import { useRef, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/rules';
import { PrimaryButton, focusRing } from '../ui/button';
import { FormAlert } from '../ui/form-alert';
import { TextField } from '../ui/text-field';

interface Errors {
  fields?: Record<string, string>;
  form?: string;
}

async function postRegistration(form: FormData): Promise<Errors | null> {
  try {
    const response = await fetch('/api/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: form.get('name'),
        email: form.get('email'),
        password: form.get('password'),
      }),
    });
    if (response.ok) return null;
    const body = await response.json().catch(() => null);
    const fields = body?.error?.fields as Record<string, string> | undefined;
    if (fields && Object.keys(fields).length > 0) return { fields };
    return { form: body?.error?.message ?? 'We could not create your account. Please try again.' };
  } catch {
    return { form: 'The server could not be reached. Check your connection and try again.' };
  }
}

export function RegisterForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    const failure = await postRegistration(new FormData(event.currentTarget));
    if (!failure) {
      window.location.assign('/login?registered=1');
      return;
    }
    setErrors(failure);
    setPending(false);
    const first = failure.fields && Object.keys(failure.fields)[0];
    if (first) formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5">
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <TextField
        name="name"
        label="Name"
        autoComplete="name"
        required
        autoFocus
        error={errors.fields?.name}
      />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        error={errors.fields?.email}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={errors.fields?.password}
      />
      <PrimaryButton
        type="submit"
        pending={pending}
        pendingLabel="Creating account…"
        className="w-full"
      >
        Create account
      </PrimaryButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{' '}
        <Link
          href="/login"
          className={`font-semibold text-indigo-700 hover:underline ${focusRing}`}
        >
          Log in
        </Link>
      </p>
    </form>
  );
}
