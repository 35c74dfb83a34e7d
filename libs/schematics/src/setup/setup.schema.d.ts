import type { NestCliOptions } from '../utils/nest-cli-options';

/** Options of the `setup` schematic; mirrors schema.json. */
export interface SetupSchema extends NestCliOptions {
  /** The migrations directory, relative to the workspace root; default `migrations`, or `<project root>/migrations` with `project`. */
  directory?: string;
}
