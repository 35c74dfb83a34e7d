import { CommandError, messageOf } from '../errors';
import { requireModule } from '../runtime/revision-loader';
import { expandGlob } from '../script/file-glob';
import type { FileSystem } from '../script/file-system';

/** TypeORM's default for `migrationsTableName`. */
export const TYPEORM_MIGRATIONS_TABLE = 'migrations';

/** One TypeORM migration class found in a file. */
export interface TypeormMigration {
  /** What TypeORM records in its table: the instance's `name`, or else the class name. */
  name: string;
  /** The 13-digit JavaScript timestamp that ends the name, which TypeORM orders by. */
  timestamp: number;
  /** The file, as the glob matched it. */
  path: string;
  /** The export that holds the class. */
  exportName: string;
}

/**
 * The TypeORM migrations in the files `globs` name, in the order TypeORM runs them: by the
 * timestamp that ends each name (TypeORM's MigrationExecutor rule). Every exported class with an
 * `up` method is a migration, as TypeORM's directory loader counts them.
 * @param fs where to look
 * @param globs TypeORM's `migrations` option (globs relative to the working directory)
 * @throws CommandError (one line) for a file that does not load, a name without a timestamp, or two migrations with one timestamp
 */
export function findTypeormMigrations(fs: FileSystem, globs: readonly string[]): TypeormMigration[] {
  const migrations: TypeormMigration[] = [];
  for (const path of [...new Set(globs.flatMap((glob) => expandGlob(fs, glob)))].filter((p) => !p.endsWith('.d.ts'))) {
    let exported: Record<string, unknown>;
    try {
      exported = (requireModule(path, fs) ?? {}) as Record<string, unknown>;
    } catch (error) {
      throw new CommandError(
        `Could not load TypeORM migration file ${path}: ${messageOf(error).split('\n')[0]}; fix the file or the migrations glob`,
      );
    }
    for (const [exportName, value] of Object.entries(exported)) {
      if (!isMigrationClass(value)) continue;
      const instance = new value() as { name?: string };
      const name = instance.name || value.name;
      const timestamp = Number.parseInt(name.slice(-13), 10);
      if (!timestamp) {
        throw new CommandError(
          `TypeORM migration ${name} in ${path} has no JavaScript timestamp at the end of its name, which TypeORM orders by; rename it as TypeORM requires`,
        );
      }
      migrations.push({ name, timestamp, path, exportName });
    }
  }
  migrations.sort((a, b) => a.timestamp - b.timestamp);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].timestamp === migrations[i - 1].timestamp) {
      throw new CommandError(
        `TypeORM migrations ${migrations[i - 1].name} and ${migrations[i].name} have the same timestamp, so their order is unknown; give one a new timestamp`,
      );
    }
  }
  return migrations;
}

function isMigrationClass(value: unknown): value is new () => object {
  return typeof value === 'function' && typeof (value.prototype as { up?: unknown } | undefined)?.up === 'function';
}
