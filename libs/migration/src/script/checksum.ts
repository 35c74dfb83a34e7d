import { createHash } from 'node:crypto';
import type { FileSystem } from './file-system';

/**
 * The sha256 (hex) of a revision file's text with CRLF normalised to LF, so that a checkout
 * with Windows line endings hashes the same as the file that ran. What the applied log records
 * and `verify` compares.
 */
export function revisionChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** The checksum of the file at `path`, read through the port (the text the loader compiled). */
export function fileChecksum(fs: FileSystem, path: string): string {
  return revisionChecksum(fs.readFile(path));
}
