import { CommandError } from '../errors';
import { catchRevisionErrors } from '../graph/plan';
import { toIds } from '../graph/revision';
import type { FileSystem } from '../config/file-system';
import { generateRevision, GeneratedRevision, MULTIPLE_HEADS } from '../script/revision-writer';
import { Script } from '../script/script';
import { ScriptDirectory } from '../script/script-directory';

export interface MergeOptions {
  /** The heads to merge, as identifiers; default `heads` (every head). */
  revisions?: string | readonly string[];
  /** `-m`: the message. */
  message?: string;
  /** `--branch-label`: label(s) for the merge revision. */
  branchLabel?: string | readonly string[];
  /** `--rev-id`: use this id instead of a random one. */
  revId?: string;
  /** The version table's `version_num` width: a longer `revId` is refused. */
  maxRevisionIdLength?: number;
  /** The creation time; now by default. */
  now?: Date;
  /** Alembic's `file_template`. */
  fileTemplate?: string;
  /** Alembic's `truncate_slug_length`. */
  truncateSlugLength?: number;
  /** Multidb: the databases' names, in order; the merge revision gets an empty pair of functions for each. */
  databases?: readonly string[];
}

/**
 * Creates a revision on top of the given heads (Alembic's `merge`): its `downRevision` is the
 * revisions the identifiers name, resolved to full ids, and its upgrade and downgrade are empty.
 * As in Alembic, identifiers that name one head (`merge heads` once the branches are joined)
 * give an ordinary child of that head, and identifiers that name none (`base`, or `heads` in
 * an empty history) give a new base revision.
 *
 * @param script the migrations directory
 * @param fs where to write
 * @param options the heads and the new revision
 * @throws CommandError (one line) when an identifier cannot be resolved, names a revision twice
 *   or names one that is not a head; nothing is written then
 */
export function merge(script: ScriptDirectory, fs: FileSystem, options: MergeOptions = {}): GeneratedRevision {
  script.assertExists();
  const wanted = toIds(options.revisions);
  if (wanted.length === 0) wanted.push('heads');
  const revs = catchRevisionErrors({ multipleHeads: MULTIPLE_HEADS }, () => script.revisionMap.getRevisions(wanted)).filter(
    (r): r is Script => r !== null,
  );
  const ids = revs.map((r) => r.revision);
  if (new Set(ids).size !== ids.length) throw new CommandError('Duplicate head revisions specified');
  // Alembic's own wording suggests --splice, which merge does not take.
  const notHead = revs.find((r) => !r.isHead);
  if (notHead) {
    throw new CommandError(`Revision ${notHead.revision} is not a head revision; merge only joins heads (see 'heads')`);
  }
  return generateRevision(script, fs, {
    revId: options.revId,
    maxRevisionIdLength: options.maxRevisionIdLength,
    message: options.message,
    head: ids,
    branchLabels: options.branchLabel,
    now: options.now,
    fileTemplate: options.fileTemplate,
    truncateSlugLength: options.truncateSlugLength,
    databases: options.databases?.map((name) => ({ name })),
  });
}
