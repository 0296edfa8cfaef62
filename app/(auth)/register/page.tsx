// /register: a new account with name, email and password.
import type { Metadata } from 'next';
import { RegisterForm } from '@/components/auth/register-form';

export const metadata: Metadata = { title: 'Create an account' };

export default function RegisterPage() {
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold text-slate-900">Create your account</h1>
      <RegisterForm />
    </>
  );
}
