import { chain, Rule, Tree } from '@angular-devkit/schematics';
import { revision, ScriptDirectory } from '@nest-migrate/migration/core';
import { coreRule } from '../utils/core-rule';
import { messageFromName, migrationsDirectory } from '../utils/nest-cli-options';
import type { RevisionSchema } from './revision.schema';

/** `revision` (alias `migration`): writes a new revision file with the core renderer, as the CLI's `revision` does. */
export function main(options: RevisionSchema): Rule {
  return chain([writeRevision(options)]);
}

function writeRevision(options: RevisionSchema): Rule {
  const { versionLocations, message, name, databases } = options;
  const { head, splice, branchLabel, versionPath, revId, dependsOn } = options;
  return (tree: Tree) => {
    const directory = migrationsDirectory(tree, options);
    return coreRule((fs, context) => {
      const script = new ScriptDirectory({ directory, versionLocations, fs, warn: (line) => context.logger.warn(line) });
      const created = revision(script, fs, {
        message: message ?? messageFromName(name),
        ...{ head, splice, branchLabel, versionPath, revId, dependsOn },
        ...(databases?.length ? { databases: databases.map((db) => ({ name: db })) } : {}),
      });
      context.logger.info(`Generating ${created.path} ... done`);
    });
  };
}
