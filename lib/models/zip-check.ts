// Checks an uploaded model zip before anything reads its contents: names, links, counts, sizes.
//
// The engine's reader (JSZip) trusts the archive; these checks run first, on the file on disk,
// reading only the central directory and then each entry through a size-checked inflate, so a
// path-traversal name, a symbolic link or a zip bomb is refused without being written or
// expanded in memory.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '@/lib/errors';
import { formatBytes } from '@/lib/datasets/format';

/** Most entries a model zip may hold (a best_quality model has a few thousand arrays at most). */
export const MODEL_ZIP_MAX_ENTRIES = 20_000;
/** Most bytes a model zip may expand to, all entries together. */
export const MODEL_ZIP_MAX_UNCOMPRESSED_BYTES = 512 * 1024 ** 2;

/** What the check found: where the engine's files sit and which entries are there. */
export interface ZipCheck {
  /** '' when manifest.json is at the top, else the one folder holding it (`name/`). */
  root: string;
  /** Every file entry's name (folders left out). */
  names: string[];
  /** Declared expanded size of all entries, in bytes. */
  uncompressedBytes: number;
}

function refuse(message: string): AppError {
  return new AppError('VALIDATION', message, { fields: { file: message } });
}

const notAZip = () =>
  refuse(
    'This file is not a zip archive (or it is damaged or cut off), so it cannot be a Cidra-ML model.',
  );

/**
 * Checks the zip at `file`: every entry name stays inside the archive (no `..`, no absolute or
 * drive paths, no backslashes), no symbolic links or encryption, at most MODEL_ZIP_MAX_ENTRIES
 * entries and MODEL_ZIP_MAX_UNCOMPRESSED_BYTES declared, then that every entry inflates to its
 * declared size (output discarded). Refuses foreign archives (AutoGluon's pickles among them) with
 * a message saying what can be uploaded. Throws AppError VALIDATION naming the problem.
 */
export async function checkModelZip(file: string): Promise<ZipCheck> {
  const zip = await openZip(file);
  try {
    const entries = await readEntries(zip);
    const names = entries.filter((e) => !e.fileName.endsWith('/')).map((e) => e.fileName);
    const uncompressedBytes = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    const root = findRoot(names);
    // Every entry, since a manifest may point anywhere: none may outgrow its declared size.
    for (const entry of entries) await inflateChecked(zip, entry);
    return { root, names, uncompressedBytes };
  } finally {
    zip.close();
  }
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // Names are decoded and checked here, not by yauzl, so that messages name the entry.
    yauzl.open(
      file,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (error, zip) => (error || !zip ? reject(notAZip()) : resolve(zip)),
    );
  });
}

/** An entry with its name decoded (UTF-8 when flagged, else as bytes, which suffices for checks). */
type NamedEntry = Entry & { fileName: string };

function readEntries(zip: ZipFile): Promise<NamedEntry[]> {
  if (zip.entryCount > MODEL_ZIP_MAX_ENTRIES) {
    return Promise.reject(
      refuse(
        `This zip holds ${zip.entryCount} entries, more than the limit of ${MODEL_ZIP_MAX_ENTRIES} for model files.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const entries: NamedEntry[] = [];
    let total = 0;
    zip.on('entry', (entry: Entry) => {
      const raw = entry.fileName as unknown as Buffer;
      const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
      const named = Object.assign(entry, {
        fileName: raw.toString(utf8 ? 'utf8' : 'latin1'),
      }) as NamedEntry;
      try {
        checkEntry(named);
        total += entry.uncompressedSize;
        if (total > MODEL_ZIP_MAX_UNCOMPRESSED_BYTES) throw tooLarge(total);
      } catch (error) {
        return reject(error);
      }
      entries.push(named);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(notAZip()));
    zip.readEntry();
  });
}

function tooLarge(bytes: number): AppError {
  return refuse(
    `This zip expands to more than ${formatBytes(bytes)}, beyond the size limit of ` +
      `${formatBytes(MODEL_ZIP_MAX_UNCOMPRESSED_BYTES)} for model files, so it was not unpacked.`,
  );
}

// Unix file type bits in the high half of the external attributes (made by Unix zip tools).
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function checkEntry(entry: NamedEntry): void {
  const name = entry.fileName;
  const unsafe =
    name.includes('\\') ||
    name.includes('\0') ||
    name.startsWith('/') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').some((part) => part === '..');
  if (unsafe) {
    throw refuse(
      `This zip has an entry with an unsafe path ('${printable(name)}'): entries must stay inside ` +
        'the archive (no "..", absolute paths, drive letters or backslashes). Nothing was unpacked.',
    );
  }
  const madeByUnix = entry.versionMadeBy >> 8 === 3;
  if (madeByUnix && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
    throw refuse(
      `This zip has a symbolic link ('${printable(name)}'); model files never hold links, so it was refused.`,
    );
  }
  if (entry.isEncrypted()) {
    throw refuse(`This zip has an encrypted entry ('${printable(name)}'), which cannot be read.`);
  }
}

function printable(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}…` : clean;
}

/** Where manifest.json sits: the top, or a single folder holding every entry. */
function findRoot(names: string[]): string {
  if (names.includes('manifest.json')) return '';
  const tops = new Set(names.map((name) => (name.includes('/') ? name.split('/')[0] : '')));
  const [top] = tops;
  if (tops.size === 1 && top && names.includes(`${top}/manifest.json`)) return `${top}/`;
  if (names.some((name) => /(^|\/)(predictor|learner)\.pkl$/.test(name) || name.endsWith('.pkl'))) {
    throw refuse(
      'This zip holds an AutoGluon (Python) predictor: its .pkl files are Python pickles, which ' +
        'Cidra-ML cannot load (and unpickling uploaded files could run arbitrary code). Upload a ' +
        'Cidra-ML model zip instead: one downloaded from Cidra-ML, or written by ' +
        '`npm run automl -- fit … --out model.zip`.',
    );
  }
  throw refuse('This zip is not a Cidra-ML model: it has no manifest.json.');
}

/** Inflates one entry, counting bytes: yauzl fails it when the data outgrows its declared size. */
function inflateChecked(zip: ZipFile, entry: NamedEntry): Promise<void> {
  const damaged = () =>
    refuse(`This zip is damaged: entry '${printable(entry.fileName)}' cannot be read.`);
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(damaged());
      stream.on('data', () => {});
      stream.on('end', () => resolve());
      stream.on('error', () => reject(damaged()));
    });
  });
}
