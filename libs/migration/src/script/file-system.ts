// The FileSystem port is declared in config/ (MigrationConfig names it, and config/ imports no
// other layer); runtime/ code written against this path keeps importing it from here.
export type { FileSystem } from '../config/file-system';
