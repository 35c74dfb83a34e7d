import { posix } from 'node:path';
import { MigrationError } from '../errors';
import type { FileSystem } from '../config/file-system';
import { Script } from './script';

/** Suffixes of files in a version location that are not revisions. */
const NOT_REVISION_SUFFIXES = ['.d.ts', '.spec.ts', '.test.ts', '.spec.js', '.test.js'];

/**
 * Whether a file name in a version location is a revision file: `.ts` or `.js`, but not a
 * declaration or a test file, and not hidden or private (`.#x.ts` editor lock files,
 * `_helpers.ts`), in the spirit of Alembic's `(?!\.\#|__init__)(.*\.py)`.
 */
export function isRevisionFileName(name: string): boolean {
  if (name.startsWith('.') || name.startsWith('_')) return false;
  if (!name.endsWith('.ts') && !name.endsWith('.js')) return false;
  return !NOT_REVISION_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/**
 * Reads every revision file of the version locations, as Alembic's `_load_revisions` does.
 * A location that does not exist is skipped. Sub-directories are not searched (Alembic's
 * `recursive_version_locations` is off by default). A file reached twice (through a link, or
 * a location listed twice) is read once, with a warning.
 *
 * Files are read in sorted name order within each location, and locations in the given
 * order. Alembic takes `os.listdir` order; we sort on purpose so that every run, on every
 * file system, builds the graph from the same sequence, and whatever depends on it
 * (error messages, the order of equal-rank heads) is reproducible.
 *
 * @param fs where to read
 * @param versionLocations directories holding revision files, in order
 * @param warn told about ignored files
 * @returns one script per revision file
 * @throws MalformedRevisionFileError if a revision file's header cannot be read statically
 */
export function loadScripts(fs: FileSystem, versionLocations: readonly string[], warn: (message: string) => void): Script[] {
  const scripts: Script[] = [];
  const seen = new Set<string>();
  for (const location of versionLocations) {
    if (!fs.exists(location)) continue;
    if (!fs.isDirectory(location)) {
      throw new MigrationError(`Version location ${location} is a file; point the version locations at directories`);
    }
    // Plain code-unit order, not localeCompare: the same on every machine and locale.
    const names = fs.readDir(location).filter(isRevisionFileName).sort();
    for (const name of names) {
      const path = posix.join(location, name);
      const realPath = fs.realpath(path);
      if (seen.has(realPath)) {
        warn(`File ${path} loaded twice! ignoring. Please ensure version locations are unique.`);
        continue;
      }
      seen.add(realPath);
      const script = readScript(fs, path, warn);
      if (script) scripts.push(script);
    }
  }
  return scripts;
}

/**
 * One revision file. A directory whose name looks like one (`versions/x.ts/`) is skipped with a
 * warning naming it; it is found by the read failing, so ordinary files cost no extra stat.
 */
function readScript(fs: FileSystem, path: string, warn: (message: string) => void): Script | null {
  try {
    return Script.fromFile(fs, path, warn);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EISDIR') throw error;
    warn(`${path} is a directory, not a revision file; it is ignored. Rename it, or move it out of the version location.`);
    return null;
  }
}
