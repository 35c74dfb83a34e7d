import type { Tree } from '@angular-devkit/schematics';
import type { FileSystem } from '@nest-migrate/migration/core';
import { posix } from 'node:path';

/**
 * The core's `FileSystem` port over a devkit `Tree`, so `init`, `revision` and `merge` run
 * unchanged inside a schematic. Paths are relative to the workspace root, as on the CLI.
 *
 * A Tree holds files only: a directory exists while a file is under it. `mkdir` is remembered
 * for the rest of the run, so the core sees the directory it just made; an empty one (the
 * `versions/` of a fresh `init`) is not written out, and the first revision creates it. The
 * loader skips a missing version location, so nothing depends on it being there.
 */
export class TreeFileSystem implements FileSystem {
  private readonly madeDirs = new Set<string>();

  constructor(private readonly tree: Tree) {}

  readFile(path: string): string {
    const key = toTreePath(path);
    // Checked first: the Tree throws its own error when asked to read a directory.
    if (!this.tree.exists(key)) throw fsError(this.isDirectory(path) ? 'EISDIR' : 'ENOENT', 'open', path);
    // Buffer decoding, as node:fs does (readText would drop a byte-order mark).
    return this.tree.read(key)!.toString('utf8');
  }

  readDir(path: string): string[] {
    const key = toTreePath(path);
    if (!this.isDirectory(path)) throw fsError(this.tree.exists(key) ? 'ENOTDIR' : 'ENOENT', 'scandir', path);
    const dir = this.tree.getDir(key);
    const names = new Set<string>([...dir.subdirs, ...dir.subfiles]);
    for (const made of this.madeDirs) {
      if (made !== key && posix.dirname(made) === key) names.add(posix.basename(made));
    }
    return [...names];
  }

  exists(path: string): boolean {
    return this.tree.exists(toTreePath(path)) || this.isDirectory(path);
  }

  isDirectory(path: string): boolean {
    const key = toTreePath(path);
    if (key === '/' || this.madeDirs.has(key)) return true;
    if (this.tree.exists(key)) return false;
    const dir = this.tree.getDir(key);
    return dir.subfiles.length > 0 || dir.subdirs.length > 0;
  }

  writeFile(path: string, text: string): void {
    const key = toTreePath(path);
    if (this.isDirectory(path)) throw fsError('EISDIR', 'open', path);
    if (this.tree.exists(key)) this.tree.overwrite(key, text);
    else this.tree.create(key, text);
  }

  remove(path: string): void {
    const key = toTreePath(path);
    if (!this.tree.exists(key)) throw fsError('ENOENT', 'unlink', path);
    this.tree.delete(key);
  }

  rename(from: string, to: string): void {
    if (!this.tree.exists(toTreePath(from))) throw fsError('ENOENT', 'rename', from);
    if (this.tree.exists(toTreePath(to))) this.tree.delete(toTreePath(to));
    this.tree.rename(toTreePath(from), toTreePath(to));
  }

  mkdir(path: string): void {
    const key = toTreePath(path);
    if (this.tree.exists(key)) throw fsError('EEXIST', 'mkdir', path);
    // Parents too, as `mkdir -p` does, so readDir of a parent lists the new directory.
    for (let dir = key; dir !== '/'; dir = posix.dirname(dir)) this.madeDirs.add(dir);
  }

  realpath(path: string): string {
    if (!this.exists(path)) throw fsError('ENOENT', 'realpath', path);
    // A Tree has no links, so the normalised path is the canonical one.
    return toTreePath(path).slice(1) || '.';
  }
}

/** `migrations/versions` and `./migrations/versions/` -> `/migrations/versions`, the Tree's own form. */
function toTreePath(path: string): string {
  const normal = posix.normalize(`/${path.replace(/\\/g, '/')}`);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** An error shaped like the one `node:fs` throws, so core code that tests `code` behaves the same. */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}
