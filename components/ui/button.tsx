// Buttons: the primary action of a form, with a busy state that keeps its label readable.
import type { ButtonHTMLAttributes } from 'react';

export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

export function PrimaryButton({
  pending,
  pendingLabel,
  children,
  className = '',
  ...button
}: ButtonHTMLAttributes<HTMLButtonElement> & { pending?: boolean; pendingLabel?: string }) {
  return (
    <button
      {...button}
      disabled={pending || button.disabled}
      aria-busy={pending || undefined}
      className={`inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm
        font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed
        disabled:opacity-70 ${focusRing} ${className}`}
    >
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}
