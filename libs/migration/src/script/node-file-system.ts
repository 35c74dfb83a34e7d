import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { FileSystem } from '../config/file-system';

/** `FileSystem` over `node:fs`, used by the CLI and the Nest module. */
export class NodeFileSystem implements FileSystem {
  readFile(path: string): string {
    return readFileSync(path, 'utf8');
  }

  readDir(path: string): string[] {
    return readdirSync(path);
  }

  exists(path: string): boolean {
    return existsSync(path);
  }

  isDirectory(path: string): boolean {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  }

  writeFile(path: string, text: string): void {
    writeFileSync(path, text, 'utf8');
  }

  remove(path: string): void {
    rmSync(path);
  }

  rename(from: string, to: string): void {
    renameSync(from, to);
  }

  mkdir(path: string): void {
    mkdirSync(path, { recursive: true });
  }

  realpath(path: string): string {
    // One system call per path, where the JS implementation lstats every component.
    return realpathSync.native(path);
  }
}
