// A labelled input with an optional hint and an error message tied to it for screen readers.
import type { InputHTMLAttributes } from 'react';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  /** Shown under the field in red, announced, and marks the input invalid. */
  error?: string;
}

export function TextField({ name, label, hint, error, id, className, ...input }: TextFieldProps) {
  const inputId = id ?? `field-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm
          placeholder:text-slate-400 focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-1
          ${
            error
              ? 'border-red-500 focus-visible:ring-red-500'
              : 'border-slate-300 focus-visible:ring-indigo-600'
          }`}
        {...input}
      />
      {hint && !error && (
        <p id={hintId} className="mt-1 text-sm text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
