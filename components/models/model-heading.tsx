'use client';
// The model's name and description, editable in place (PATCH /api/models/:id).
import { useState } from 'react';
import { focusRing, PrimaryButton } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { formErrors, sendJson, type FormErrors } from './api';

interface Props {
  id: string;
  name: string;
  description: string;
  /** Called with the saved values. */
  onSaved: (values: { name: string; description: string }) => void;
}

/** The name as the page heading with its description, or the form that edits both. */
export function ModelHeading({ id, name, description, onSaved }: Props) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = { name: String(form.get('name')), description: String(form.get('description')) };
    // The API's message for a blank name, shown on the field instead of the browser's bubble.
    if (!values.name.trim()) {
      setErrors({ fields: { name: 'Give the model a name.' } });
      document.getElementById('edit-model-name')?.focus();
      return;
    }
    setBusy(true);
    setErrors({ fields: {} });
    try {
      const answer = await sendJson(`/api/models/${id}`, 'PATCH', values);
      if (answer.ok) {
        const saved = (answer.body as { model?: { name: string; description: string } }).model;
        onSaved(saved ? { name: saved.name, description: saved.description } : values);
        setEditing(false);
      } else {
        setErrors(formErrors(answer.body as never, answer.status, ['name', 'description']));
      }
    } catch {
      setErrors({ fields: {}, form: 'The server could not be reached. Check the connection.' });
    }
    setBusy(false);
  }

  if (!editing) {
    return (
      <div>
        <div className="flex flex-wrap items-baseline gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{name}</h1>
          <button
            type="button"
            onClick={() => setEditing(true)}
            className={`text-sm font-medium text-indigo-700 hover:underline ${focusRing}`}
          >
            Edit name and description
          </button>
        </div>
        {description && <p className="mt-1 whitespace-pre-line text-slate-600">{description}</p>}
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label="Edit model" noValidate className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="name"
          id="edit-model-name"
          label="Name"
          defaultValue={name}
          maxLength={200}
          required
          error={errors.fields.name}
        />
        <TextField
          name="description"
          id="edit-model-description"
          label="Description"
          defaultValue={description}
          maxLength={2000}
          error={errors.fields.description}
        />
      </div>
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <div className="flex gap-3">
        <PrimaryButton type="submit" pending={busy} pendingLabel="Saving…">
          Save
        </PrimaryButton>
        <button
          type="button"
          onClick={() => setEditing(false)}
          className={`rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 ${focusRing}`}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
