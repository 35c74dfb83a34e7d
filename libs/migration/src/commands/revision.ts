import type { FileSystem } from '../script/file-system';
import { DatabaseBodies, generateRevision, GeneratedRevision } from '../script/revision-writer';
import { ScriptDirectory } from '../script/script-directory';

/** Alembic's `revision` options (autogenerate passes the bodies). */
export interface RevisionOptions {
  /** `-m`: the message. */
  message?: string;
  /** `--head`: the parent(s); default `head`; `base` starts a new root. */
  head?: string;
  /** `--splice`: allow a `--head` that is not a head, creating a branch point. */
  splice?: boolean;
  /** `--branch-label`: label(s) the new revision declares. */
  branchLabel?: string | readonly string[];
  /** `--version-path`: one of the version locations; required for a new base when there are several. */
  versionPath?: string;
  /** `--rev-id`: use this id instead of a random one. */
  revId?: string;
  /** `--depends-on`: identifiers or branch labels. */
  dependsOn?: string | readonly string[];
  /** Statements of `upgrade(op)`. */
  upgradeBody?: string;
  /** Statements of `downgrade(op)`. */
  downgradeBody?: string;
  /** Multidb: the databases (the module's `databases`, in order), with any bodies; one pair of functions each. */
  databases?: readonly DatabaseBodies[];
  /** Names the bodies import from `@nest-migrate/migration`. */
  imports?: readonly string[];
  /** The creation time; now by default. */
  now?: Date;
  /** Alembic's `file_template` (`%(rev)s_%(slug)s` by default). */
  fileTemplate?: string;
  /** Alembic's `truncate_slug_length` (40 by default). */
  truncateSlugLength?: number;
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
  return generateRevision(script, fs, {
    revId: options.revId,
    message: options.message,
    head: options.head ?? 'head',
    splice: options.splice,
    branchLabels: options.branchLabel,
    versionPath: options.versionPath,
    dependsOn: options.dependsOn,
    upgradeBody: options.upgradeBody,
    downgradeBody: options.downgradeBody,
    databases: options.databases,
    imports: options.imports,
    now: options.now,
    fileTemplate: options.fileTemplate,
    truncateSlugLength: options.truncateSlugLength,
  });
}
