// Download helpers: a Content-Disposition header that carries any dataset name safely.

/**
 * `attachment` with an ASCII fallback name (quotes, slashes and control characters replaced) and
 * the exact name in RFC 5987 form, so names with `"`, `;` or non-ASCII letters survive.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\/;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
