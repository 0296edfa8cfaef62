// Dataset names shared by the server and the upload form.

/** An upload's name when none is typed: the file's name without folder or .csv/.tsv/.txt. */
export function datasetNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.(csv|tsv|txt)$/i, '').trim() || 'dataset';
}
