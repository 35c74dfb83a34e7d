import { Rule } from '@angular-devkit/schematics';
import { DEFAULT_DIRECTORY, init } from '@nest-migrate/migration/core';
import { coreRule } from '../utils/core-rule';
import type { InitSchema } from './init.schema';

/** `init`: creates a migrations directory from the core's template, as the CLI's `init` does. */
export function main(options: InitSchema): Rule {
  return createDirectory(options);
}

function createDirectory(options: InitSchema): Rule {
  const directory = options.directory || DEFAULT_DIRECTORY;
  return coreRule((fs, context) => {
    init(fs, { directory, template: options.template, multidb: options.multidb });
    context.logger.info(`Creating directory ${directory} ... done`);
  });
}
