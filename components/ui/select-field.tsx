// A labelled select with an optional hint and an error tied to it for screen readers.
import type { SelectHTMLAttributes } from 'react';

/** SelectField's props: a select's attributes plus label, hint and error. */
export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  hint?: React.ReactNode;
  /** Shown under the field in red, announced, and marks the select invalid. */
  error?: string;
}

/** A select laid out like TextField: label above, hint or error below. */
export function SelectField({
  name,
  label,
  hint,
  error,
  id,
  className,
  children,
  ...select
}: SelectFieldProps) {
  const selectId = id ?? `field-${name}`;
  const hintId = hint ? `${selectId}-hint` : undefined;
  const errorId = error ? `${selectId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={className}>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm
          focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-1 disabled:bg-slate-50
          disabled:text-slate-500 ${
            error
              ? 'border-red-500 focus-visible:ring-red-500'
              : 'border-slate-300 focus-visible:ring-indigo-600'
          }`}
        {...select}
      >
        {children}
      </select>
      {error && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}
