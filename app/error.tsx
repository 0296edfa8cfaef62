'use client';
// Shown when a page fails on the server; the details are in the server log, never on screen.
import { focusRing } from '@/components/ui/button';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-md text-slate-600">
        This page could not be shown. Please try again; if it keeps happening, the server log holds
        the details.
      </p>
      <button
        type="button"
        onClick={reset}
        className={`rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white
          hover:bg-indigo-500 ${focusRing}`}
      >
        Try again
      </button>
    </main>
  );
}
