'use client';
// A button that puts `text` on the clipboard and then reads "Copied". Give it a `key` of the text
// where the text changes, so a new text starts at "Copy" again.
import { useState } from 'react';

export function CopyButton({ text, className }: { text: string; className: string }) {
  const [copied, setCopied] = useState(false);

  function copy() {
    // No clipboard outside secure contexts (plain http on another host): the text stays selectable.
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => {},
    );
  }

  return (
    <button type="button" onClick={copy} className={className}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
