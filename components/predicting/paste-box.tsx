'use client';
// Pasting rows copied from a spreadsheet into the manual table.
import { useState } from 'react';
import { smallButton } from './rows-table';

export function PasteBox({ id, onPaste }: { id: string; onPaste: (text: string) => boolean }) {
  const [text, setText] = useState('');
  return (
    <details className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">
        Paste rows from a spreadsheet
      </summary>
      <div className="mt-3 space-y-2">
        <label htmlFor={id} className="block text-sm text-slate-700">
          Rows copied from a spreadsheet (tab-separated), with or without a header line
        </label>
        <textarea
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
        />
        <button type="button" className={smallButton} onClick={() => onPaste(text) && setText('')}>
          Add pasted rows
        </button>
      </div>
    </details>
  );
}
