import { posix } from 'node:path';
import type { FileSystem } from '../config/file-system';

/** Options of a `MemoryFileSystem`. */
export interface MemoryFileSystemOptions {
  /**
   * Symbolic links, link path -> target path. Targets are paths in the same namespace as the
   * files (not relative to the link's directory); a link may point at a file or a directory.
   */
  links?: Record<string, string>;
}

const MAX_LINK_HOPS = 40;

/**
 * An in-memory `FileSystem` for unit tests (and the base of the schematics' Tree adapter).
 * Directories are implied by the file paths and by `mkdir`. It fails where `node:fs` would
 * (reading a missing file, writing into a missing directory), with the same error codes, so
 * code tested on it behaves the same on disk. `readDir` lists entries in creation order, not
 * sorted, so tests catch code that relies on the order a real disk happens to give.
 */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, string>();
  /** Directory -> its entry names, in creation order. */
  private readonly dirs = new Map<string, Set<string>>();
  private readonly links = new Map<string, string>();

  /**
   * @param files initial files, path -> content; their parent directories are created
   * @param options symbolic links
   */
  constructor(files: Record<string, string> = {}, options: MemoryFileSystemOptions = {}) {
    this.dirs.set('.', new Set());
    this.dirs.set('/', new Set());
    for (const [path, text] of Object.entries(files)) {
      const normal = normalize(path);
      this.mkdir(posix.dirname(normal));
      this.writeFile(normal, text);
    }
    for (const [link, target] of Object.entries(options.links ?? {})) {
      const normal = normalize(link);
      this.mkdir(posix.dirname(normal));
      this.dirs.get(this.resolve(posix.dirname(normal)))!.add(posix.basename(normal));
      this.links.set(normal, normalize(target));
    }
  }

  readFile(path: string): string {
    const real = this.resolve(path);
    const text = this.files.get(real);
    if (text !== undefined) return text;
    throw fsError(this.dirs.has(real) ? 'EISDIR' : 'ENOENT', 'open', path);
  }

  readDir(path: string): string[] {
    const real = this.resolve(path);
    const entries = this.dirs.get(real);
    if (entries) return [...entries];
    throw fsError(this.files.has(real) ? 'ENOTDIR' : 'ENOENT', 'scandir', path);
  }

  exists(path: string): boolean {
    const real = this.tryResolve(path);
    return real !== null && (this.files.has(real) || this.dirs.has(real));
  }

  isDirectory(path: string): boolean {
    const real = this.tryResolve(path);
    return real !== null && this.dirs.has(real);
  }

  writeFile(path: string, text: string): void {
    const real = this.resolve(path);
    if (this.dirs.has(real)) throw fsError('EISDIR', 'open', path);
    const parent = this.dirs.get(posix.dirname(real));
    if (!parent) throw fsError('ENOENT', 'open', path);
    parent.add(posix.basename(real));
    this.files.set(real, text);
  }

  remove(path: string): void {
    const real = this.resolve(path);
    if (!this.files.has(real)) throw fsError(this.dirs.has(real) ? 'EISDIR' : 'ENOENT', 'unlink', path);
    this.files.delete(real);
    this.dirs.get(posix.dirname(real))?.delete(posix.basename(real));
  }

  rename(from: string, to: string): void {
    const text = this.readFile(from);
    this.writeFile(to, text);
    const real = this.resolve(from);
    this.files.delete(real);
    this.dirs.get(posix.dirname(real))!.delete(posix.basename(real));
  }

  mkdir(path: string): void {
    const real = this.resolve(path);
    if (this.dirs.has(real)) return;
    if (this.files.has(real)) throw fsError('EEXIST', 'mkdir', path);
    const parent = posix.dirname(real);
    this.mkdir(parent);
    this.dirs.get(this.resolve(parent))!.add(posix.basename(real));
    this.dirs.set(real, new Set());
  }

  realpath(path: string): string {
    const real = this.resolve(path);
    if (!this.exists(real)) throw fsError('ENOENT', 'realpath', path);
    return real;
  }

  /** Every file, path -> content, sorted by path: for asserting what a command wrote. */
  snapshot(): Record<string, string> {
    return Object.fromEntries([...this.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** Like `existsSync`, a link loop counts as nothing there. */
  private tryResolve(path: string): string | null {
    try {
      return this.resolve(path);
    } catch {
      return null;
    }
  }

  /** Replaces the longest linked prefix of `path` by its target until no link remains. */
  private resolve(path: string): string {
    let current = normalize(path);
    if (this.links.size === 0) return current;
    for (let hops = 0; hops < MAX_LINK_HOPS; hops++) {
      const next = this.followOneLink(current);
      if (next === null) return current;
      current = next;
    }
    throw fsError('ELOOP', 'stat', path);
  }

  /** `path` with its longest linked prefix replaced, or null if no prefix is a link. */
  private followOneLink(path: string): string | null {
    const parts = path.split('/');
    for (let end = parts.length; end > 0; end--) {
      const target = this.links.get(parts.slice(0, end).join('/') || '/');
      if (target !== undefined) return normalize(posix.join(target, ...parts.slice(end)));
    }
    return null;
  }
}

function normalize(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** An error shaped like the one `node:fs` throws, so callers can test `code`. */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'illegal operation on a directory',
    ENOTDIR: 'not a directory',
    EEXIST: 'file already exists',
    ELOOP: 'too many symbolic links encountered',
  };
  return Object.assign(new Error(`${code}: ${messages[code]}, ${syscall} '${path}'`), { code, syscall, path });
}
