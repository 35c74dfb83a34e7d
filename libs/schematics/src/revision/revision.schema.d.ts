import type { NestCliOptions } from '../utils/nest-cli-options';

/** Options of the `revision` (alias `migration`) schematic; mirrors schema.json. */
export interface RevisionSchema extends NestCliOptions {
  /** `-m`: the message; the doc comment's first line and the file name's slug. */
  message?: string;
  /** The parent(s); default `head`; `base` starts a new root. */
  head?: string;
  /** Allow a `head` that is not a head, creating a branch point. */
  splice?: boolean;
  /** Branch label(s) the new revision declares. */
  branchLabel?: string[];
  /** One of the version locations to write into. */
  versionPath?: string;
  /** Use this id instead of a random one. */
  revId?: string;
  /** Revisions (identifiers or branch labels) the new one depends on. */
  dependsOn?: string[];
  /** The migrations directory, relative to the workspace root; default `migrations`, or `<project root>/migrations` with `project`. */
  directory?: string;
  /** Multidb: the databases (the app's `databases` option, in order); one function pair each. */
  databases?: string[];
  /** Where revision files live (the app's `versionLocations`); default `<directory>/versions`. */
  versionLocations?: string[];
}
