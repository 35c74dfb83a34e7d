/**
 * The file access the core needs, as a port: the CLI passes `NodeFileSystem`, the schematics
 * a devkit-Tree adapter, unit tests a `MemoryFileSystem`. Paths are POSIX-style strings.
 * Methods are synchronous because reading a migrations directory is a short burst of small
 * reads, and the devkit Tree is synchronous too.
 */
export interface FileSystem {
  /** Returns the file's text (UTF-8); throws if it does not exist. */
  readFile(path: string): string;
  /** Returns the names (not paths) of a directory's entries; throws if it is not a directory. */
  readDir(path: string): string[];
  /** Whether a file or directory exists at `path`. */
  exists(path: string): boolean;
  /** Whether `path` exists and is a directory. */
  isDirectory(path: string): boolean;
  /** Writes `text` (UTF-8), replacing the file; the parent directory must exist. */
  writeFile(path: string, text: string): void;
  /** Deletes a file; throws if it does not exist. */
  remove(path: string): void;
  /** Moves a file to `to`, replacing what is there in one step (how a cache entry is written atomically). */
  rename(from: string, to: string): void;
  /** Creates the directory and any missing parents; does nothing if it exists. */
  mkdir(path: string): void;
  /** Returns the canonical path with symbolic links resolved; throws if it does not exist. */
  realpath(path: string): string;
}
