import { Tree } from '@angular-devkit/schematics';
import { clean, findProject, migrationsDirectoryOf } from './workspace-project';

/**
 * What `nest g -c @nest-migrate/schematics <schematic> [name]` passes to every schematic besides
 * its own options. The Nest CLI accepts only its own flags (so no `--message` there), turns the
 * positional words into kebab-case `name`, and adds its project settings. Each schema declares
 * these, so the devkit does not refuse them as additional properties.
 */
export interface NestCliOptions {
  /** The positional argument, in kebab-case. */
  name?: string;
  /** An Nx or Nest monorepo project (`--project`); its migrations directory is `<root>/migrations`. */
  project?: string;
  path?: string;
  collection?: string;
  language?: string;
  sourceRoot?: string;
  spec?: boolean;
  flat?: boolean;
  specFileSuffix?: string;
  skipImport?: boolean;
  type?: string;
  crud?: boolean;
  format?: boolean;
}

/** The Nest CLI's kebab-case positional words read back as a message: `add-users` is `add users`. */
export function messageFromName(name: string | undefined): string | undefined {
  return name?.replace(/-/g, ' ');
}

/** The migrations directory a schematic writes to: `directory`, else the project's, else `migrations`. */
export function migrationsDirectory(tree: Tree, options: { directory?: string; project?: string }): string {
  return options.directory !== undefined ? clean(options.directory) : migrationsDirectoryOf(findProject(tree, options.project));
}
