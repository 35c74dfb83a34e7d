import type { NestCliOptions } from '../utils/nest-cli-options';

/** Options of the `merge` schematic; mirrors schema.json. */
export interface MergeSchema extends NestCliOptions {
  /** The heads to merge; default every head (`heads`). */
  revisions?: string[];
  /** `-m`: the message. */
  message?: string;
  /** Branch label(s) for the merge revision. */
  branchLabel?: string[];
  /** Use this id instead of a random one. */
  revId?: string;
  /** The migrations directory, relative to the workspace root; default `migrations`, or `<project root>/migrations` with `project`. */
  directory?: string;
  /** Multidb: the databases (the app's `databases` option, in order); one function pair each. */
  databases?: string[];
  /** Where revision files live (the app's `versionLocations`); default `<directory>/versions`. */
  versionLocations?: string[];
}
