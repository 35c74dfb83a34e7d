// Core-only entry of @nest-migrate/migration (`@nest-migrate/migration/core`): the
// migrations-directory commands and the FileSystem port, with nothing that loads @nestjs/*,
// nest-commander, typeorm or a database driver. The schematics import this, so `nx g` and
// `nest g` never need the Nest runtime.
export { CommandError, MigrationError } from './errors';
export type { FileSystem } from './script/file-system';
export { NodeFileSystem } from './script/node-file-system';
export { MemoryFileSystem } from './script/memory-file-system';
export { ScriptDirectory } from './script/script-directory';
export type { ScriptDirectoryOptions } from './script/script-directory';
export { BUILT_IN_TEMPLATES, DEFAULT_SCRIPT_TEMPLATE, SCRIPT_TEMPLATE_FILE } from './script/templates';
export type { GeneratedRevision } from './script/revision-writer';
export { DEFAULT_DIRECTORY } from './config/migration-config';
export { init } from './commands/init';
export type { InitOptions } from './commands/init';
export { revision } from './commands/revision';
export type { RevisionOptions } from './commands/revision';
export { merge } from './commands/merge';
export type { MergeOptions } from './commands/merge';
