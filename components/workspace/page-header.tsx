// The heading of a workspace section, with a one-line explanation under it.

export function PageHeader({ title, summary }: { title: string; summary: string }) {
  return (
    <div className="mb-8">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-1 text-slate-600">{summary}</p>
    </div>
  );
}
