import type { FileSystem } from '../config/file-system';
import { generateRevision, GeneratedRevision, RevisionSpec } from '../script/revision-writer';
import { ScriptDirectory } from '../script/script-directory';

/**
 * Alembic's `revision` options (autogenerate passes the bodies): the writer's spec, with the
 * CLI's names for the parent (`--head`, one identifier) and the labels (`--branch-label`).
 */
export interface RevisionOptions extends Pick<
  RevisionSpec,
  | 'revId'
  | 'maxRevisionIdLength'
  | 'splice'
  | 'versionPath'
  | 'dependsOn'
  | 'upgradeBody'
  | 'downgradeBody'
  | 'databases'
  | 'imports'
  | 'now'
  | 'fileTemplate'
  | 'truncateSlugLength'
> {
  /** `-m`: the message. */
  message?: string;
  /** `--head`: the parent(s); default `head`; `base` starts a new root. */
  head?: string;
  /** `--branch-label`: label(s) the new revision declares. */
  branchLabel?: string | readonly string[];
}

/**
 * Creates a new revision file (Alembic's `revision` without `--autogenerate`). Only reads
 * the migrations directory; never connects to a database.
 *
 * @param script the migrations directory
 * @param fs where to write
 * @param options the revision
 * @returns the new revision id and the file written
 * @throws CommandError (one line); nothing is written then
 */
export function revision(script: ScriptDirectory, fs: FileSystem, options: RevisionOptions = {}): GeneratedRevision {
  const { head = 'head', branchLabel, ...spec } = options;
  return generateRevision(script, fs, { ...spec, head, branchLabels: branchLabel });
}
