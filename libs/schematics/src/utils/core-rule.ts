import { Rule, SchematicContext, SchematicsException, Tree } from '@angular-devkit/schematics';
import { FileSystem, MigrationError } from '@nest-migrate/migration/core';
import { TreeFileSystem } from './tree-file-system';

/**
 * A rule that runs a core command over the Tree. A refusal from the core (a `MigrationError`,
 * one line naming the fault and the fix) becomes a `SchematicsException` with the same
 * message, which `nx g` and `schematics` print as one error line. The core checks everything
 * before it writes, so a refused command leaves the Tree as it was.
 *
 * @param run the core call; gets the Tree as a `FileSystem`
 */
export function coreRule(run: (fs: FileSystem, context: SchematicContext) => void): Rule {
  return (tree: Tree, context: SchematicContext) => {
    try {
      run(new TreeFileSystem(tree), context);
    } catch (error) {
      if (error instanceof MigrationError) throw refusal(error.message);
      throw error;
    }
    return tree;
  };
}

/**
 * A SchematicsException whose stack is its one line. Nx's compatibility adapter prints every
 * schematic error with `console.error(error)` before its own ` NX  <message>` line, and a
 * refusal is data, not a bug: its stack would be a dozen lines of devkit and rxjs frames.
 */
export function refusal(message: string): SchematicsException {
  const exception = new SchematicsException(message);
  exception.stack = `SchematicsException: ${message}`;
  return exception;
}
