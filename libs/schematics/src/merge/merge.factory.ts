import { chain, Rule } from '@angular-devkit/schematics';
import { DEFAULT_DIRECTORY, merge, ScriptDirectory } from '@nest-migrate/migration/core';
import { coreRule } from '../utils/core-rule';
import type { MergeSchema } from './merge.schema';

/** `merge`: writes a revision joining heads (every head by default), as the CLI's `merge` does. */
export function main(options: MergeSchema): Rule {
  return chain([writeMerge(options)]);
}

function writeMerge(options: MergeSchema): Rule {
  const { directory = DEFAULT_DIRECTORY, versionLocations, databases, ...mergeOptions } = options;
  return coreRule((fs, context) => {
    const script = new ScriptDirectory({ directory, versionLocations, fs, warn: (line) => context.logger.warn(line) });
    const created = merge(script, fs, { ...mergeOptions, ...(databases?.length ? { databases } : {}) });
    context.logger.info(`Generating ${created.path} ... done`);
  });
}
