// Shown for any URL that matches no page.
import Link from 'next/link';
import { Brand } from '@/components/brand';
import { focusRing } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
      <Brand />
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-slate-600">The page you asked for does not exist, or it has moved.</p>
      <Link
        href="/datasets"
        className={`font-semibold text-indigo-700 hover:underline ${focusRing}`}
      >
        Go to your datasets
      </Link>
    </main>
  );
}
