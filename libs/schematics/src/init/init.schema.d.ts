import type { NestCliOptions } from '../utils/nest-cli-options';

/** Options of the `init` schematic; mirrors schema.json. */
export interface InitSchema extends NestCliOptions {
  /** The migrations directory to create, relative to the workspace root; default `migrations`, or `<project root>/migrations` with `project`. */
  directory?: string;
  /** A built-in template's name (`generic`, `multidb`), or the path of a template directory; default `generic`. */
  template?: string;
  /** Several databases managed by one history: the `multidb` template. */
  multidb?: boolean;
}
