import { chain, Rule, Tree } from '@angular-devkit/schematics';
import { merge, ScriptDirectory } from '@nest-migrate/migration/core';
import { coreRule } from '../utils/core-rule';
import { messageFromName, migrationsDirectory } from '../utils/nest-cli-options';
import type { MergeSchema } from './merge.schema';

/** `merge`: writes a revision joining heads (every head by default), as the CLI's `merge` does. */
export function main(options: MergeSchema): Rule {
  return chain([writeMerge(options)]);
}

function writeMerge(options: MergeSchema): Rule {
  const { versionLocations, databases, revisions, message, name, branchLabel, revId } = options;
  return (tree: Tree) => {
    const directory = migrationsDirectory(tree, options);
    return coreRule((fs, context) => {
      const script = new ScriptDirectory({ directory, versionLocations, fs, warn: (line) => context.logger.warn(line) });
      const mergeOptions = { revisions, message: message ?? messageFromName(name), branchLabel, revId };
      const created = merge(script, fs, { ...mergeOptions, ...(databases?.length ? { databases } : {}) });
      context.logger.info(`Generating ${created.path} ... done`);
    });
  };
}
