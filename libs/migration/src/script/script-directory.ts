import { posix } from 'node:path';
import { CommandError } from '../errors';
import { catchRevisionErrors, downgradeSteps, stampSteps, upgradeSteps, walkRevisions } from '../graph/plan';
import { RevisionIdentifier, RevisionMap } from '../graph/revision-map';
import { RevisionStep, StampStep } from '../graph/steps';
import type { FileSystem } from '../config/file-system';
import { loadScripts } from './script-directory-loader';
import { Script } from './script';

export interface ScriptDirectoryOptions {
  /** The migrations directory (holds `versions/`). */
  directory: string;
  /** Where revision files live (Alembic's `version_locations`); default `<directory>/versions`. */
  versionLocations?: readonly string[];
  fs: FileSystem;
  /** Told about ignored files; default: nothing. */
  warn?: (message: string) => void;
}

/**
 * The migrations directory and the revision graph of its files (Alembic's
 * `ScriptDirectory`). Reading it parses file headers only; no revision module is
 * imported and no database is touched.
 */
export class ScriptDirectory {
  readonly directory: string;
  readonly versionLocations: readonly string[];
  readonly revisionMap: RevisionMap<Script>;
  private readonly fs: FileSystem;

  constructor(options: ScriptDirectoryOptions) {
    this.directory = options.directory;
    this.versionLocations = options.versionLocations?.length ? options.versionLocations : [posix.join(options.directory, 'versions')];
    this.fs = options.fs;
    const warn = options.warn ?? (() => undefined);
    this.revisionMap = new RevisionMap(() => loadScripts(this.fs, this.versionLocations, warn));
  }

  /** Fails with a one-line hint when the migrations directory is missing. */
  assertExists(): this {
    if (!this.fs.isDirectory(this.directory)) {
      if (this.fs.exists(this.directory)) {
        throw new CommandError(
          `'${this.directory}' is a file, not a migrations directory; pass --directory the directory that holds versions/ (made by 'init')`,
        );
      }
      throw new CommandError(
        `Path doesn't exist: '${this.directory}'; run the 'init' command to create a migrations directory, or pass --directory`,
      );
    }
    return this;
  }

  getRevision(ident: string | null): Script | null {
    return catchRevisionErrors({}, () => this.revisionMap.getRevision(ident));
  }

  getRevisions(ident: RevisionIdentifier): (Script | null)[] {
    return catchRevisionErrors({}, () => this.revisionMap.getRevisions(ident));
  }

  /** Heads by down-revision (what `heads` lists). */
  getHeads(): string[] {
    return catchRevisionErrors({}, () => [...this.revisionMap.heads]);
  }

  getBases(): string[] {
    return catchRevisionErrors({}, () => [...this.revisionMap.bases]);
  }

  /** The one head; an error naming the way out when the history has several. */
  getCurrentHead(): string | null {
    return catchRevisionErrors(
      {
        multipleHeads:
          "The migrations directory has multiple heads (due to branching); use 'heads', or merge the branches with the 'merge' command",
      },
      () => this.revisionMap.getCurrentHead(),
    );
  }

  /** The branch heads implied by the revisions recorded in a version table. */
  getAllCurrent(ids: readonly string[]): Script[] {
    return catchRevisionErrors({}, () => [...this.revisionMap.getAllCurrent(ids)]);
  }

  walkRevisions(base: RevisionIdentifier = 'base', head: RevisionIdentifier = 'heads'): Script[] {
    return walkRevisions(this.revisionMap, base, head);
  }

  upgradeRevs(destination: string, current: readonly string[]): RevisionStep<Script>[] {
    return upgradeSteps(this.revisionMap, destination, current);
  }

  downgradeRevs(destination: string, current: readonly string[]): RevisionStep<Script>[] {
    return downgradeSteps(this.revisionMap, destination, current);
  }

  stampRevs(revisions: string | readonly string[], current: readonly string[]): StampStep[] {
    return stampSteps(this.revisionMap, revisions, current);
  }
}
