import { MigrationError } from '../errors';

/**
 * A revision file's header cannot be read statically: a declaration is not a literal, is
 * unterminated, is declared twice, or `downRevision` is missing. The message is one line,
 * `path:line: <what is wrong>; <what to write instead>`, so editors can jump to the spot.
 */
export class MalformedRevisionFileError extends MigrationError {
  /**
   * @param path the revision file, as the caller named it
   * @param line 1-based line of the offending token
   * @param reason the message without the `path:line: ` prefix
   */
  constructor(
    readonly path: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${path}:${line}: ${reason}`);
  }
}
