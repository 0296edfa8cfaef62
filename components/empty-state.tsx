// What a section shows before it has anything: what will be here, and the first step to take.
import Link from 'next/link';
import { focusRing } from './ui/button';

export interface EmptyStateProps {
  /** A decorative icon (hidden from screen readers). */
  icon: React.ReactNode;
  title: string;
  /** What this section will hold once there is something. */
  description: string;
  /** The first thing to do, in a sentence. */
  firstStep: string;
  /** An optional link to the place where the first step happens. */
  action?: { href: string; label: string };
}

export function EmptyState({ icon, title, description, firstStep, action }: EmptyStateProps) {
  return (
    <section
      aria-labelledby="empty-state-title"
      className="mx-auto flex max-w-xl flex-col items-center rounded-xl border border-dashed
        border-slate-300 bg-white px-6 py-12 text-center"
    >
      <div className="flex h-12 w-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
        {icon}
      </div>
      <h2 id="empty-state-title" className="mt-4 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-2 text-slate-600">{description}</p>
      <p className="mt-4 text-sm text-slate-700">
        <span className="font-semibold">First step: </span>
        {firstStep}
      </p>
      {action && (
        <Link
          href={action.href}
          className={`mt-6 inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-sm
            font-semibold text-white shadow-sm hover:bg-indigo-500 ${focusRing}`}
        >
          {action.label}
        </Link>
      )}
    </section>
  );
}
