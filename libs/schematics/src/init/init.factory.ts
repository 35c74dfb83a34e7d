import { Rule, Tree } from '@angular-devkit/schematics';
import { init } from '@nest-migrate/migration/core';
import { coreRule } from '../utils/core-rule';
import { migrationsDirectory } from '../utils/nest-cli-options';
import type { InitSchema } from './init.schema';

/** `init`: creates a migrations directory from the core's template, as the CLI's `init` does. */
export function main(options: InitSchema): Rule {
  return createDirectory(options);
}

function createDirectory(options: InitSchema): Rule {
  return (tree: Tree) => {
    // `nest g -c @nest-migrate/schematics init db/migrations` passes the directory as `name`.
    const directory = migrationsDirectory(tree, { ...options, directory: options.directory ?? options.name });
    return coreRule((fs, context) => {
      init(fs, { directory, template: options.template, multidb: options.multidb });
      context.logger.info(`Creating directory ${directory} ... done`);
    });
  };
}
