import { Revision } from '../graph/revision';
import type { FileSystem } from '../config/file-system';
import { parseRevisionHeader, type RevisionHeader } from './revision-header';

/**
 * A revision read from a file in the migrations directory: the graph node plus where it lives
 * and what its doc comment says. Mirrors Alembic's `Script`, except that the module is never
 * imported here; the runtime loads it only when it runs the revision.
 */
export class Script extends Revision {
  /** The file, as the version location and file name joined (not resolved through links). */
  readonly path: string;
  /** The doc comment, stripped; '' if the file has none. */
  readonly longdoc: string;
  /** The first paragraph of `longdoc`: the message shown by `history` and `heads`. */
  readonly doc: string;
  /** False when the file declares `export const transactional = false`. */
  readonly transactional: boolean;

  /**
   * @param path the revision file
   * @param header what the file declares (see `parseRevisionHeader`)
   */
  constructor(path: string, header: RevisionHeader) {
    super(header);
    this.path = path;
    this.longdoc = header.longdoc;
    this.doc = header.doc;
    this.transactional = header.transactional;
  }

  /**
   * Reads a revision file's header, without executing the file.
   *
   * @param fs where to read
   * @param path the revision file
   * @param warn told when the file is ignored
   * @returns the script, or null (after a warning) if the file declares no `revision`
   * @throws MalformedRevisionFileError if a declaration cannot be read statically
   */
  static fromFile(fs: FileSystem, path: string, warn: (message: string) => void): Script | null {
    const header = parseRevisionHeader(fs.readFile(path), path);
    if (header === null) {
      warn(`Could not determine revision id from ${path}; the file is ignored. ` + `Declare "export const revision = '<id>'" in it.`);
      return null;
    }
    return new Script(path, header);
  }
}
