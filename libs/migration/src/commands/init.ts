import { posix } from 'node:path';
import { CommandError } from '../errors';
import type { FileSystem } from '../config/file-system';
import { BUILT_IN_TEMPLATES, SCRIPT_TEMPLATE_FILE } from '../script/templates';

export interface InitOptions {
  /** The migrations directory to create. */
  directory: string;
  /** A built-in template's name (`generic`, `multidb`), or the path of a template directory to copy; default `generic`. */
  template?: string;
  /** Flask-Migrate's `--multidb`: the `multidb` template, unless `template` names another. */
  multidb?: boolean;
}

/**
 * Creates a migrations directory (Alembic's `init`): the directory, its empty `versions/`,
 * and the template's files (`README`, `script.ts.tmpl`). A directory that exists and holds
 * anything is refused, as Alembic does. There is no `env.py` counterpart: the Nest module
 * or the CLI configuration says where the database is.
 *
 * @param fs where to create it
 * @param options the directory and the template
 * @returns the paths created, directories first
 * @throws CommandError when the directory is not empty or the template does not exist; nothing is written then
 */
export function init(fs: FileSystem, options: InitOptions): string[] {
  const { directory } = options;
  // As in Flask-Migrate, --multidb only changes the default: a --template given wins.
  const template = options.template ?? (options.multidb ? 'multidb' : 'generic');
  if (fs.exists(directory)) {
    if (!fs.isDirectory(directory)) {
      throw new CommandError(`Path ${directory} exists and is not a directory; pass another --directory`);
    }
    if (fs.readDir(directory).length > 0) {
      throw new CommandError(`Directory ${directory} already exists and is not empty`);
    }
  }
  const files = templateFiles(fs, template);

  const created: string[] = [];
  if (!fs.exists(directory)) {
    fs.mkdir(directory);
    created.push(directory);
  }
  const versions = posix.join(directory, 'versions');
  fs.mkdir(versions);
  created.push(versions);
  for (const [name, text] of Object.entries(files)) {
    const path = posix.join(directory, name);
    fs.writeFile(path, text);
    created.push(path);
  }
  return created;
}

/** The files of a built-in template, or of a template directory on disk (its files only, sorted by name). */
function templateFiles(fs: FileSystem, template: string): Readonly<Record<string, string>> {
  const builtIn = BUILT_IN_TEMPLATES[template];
  if (Object.prototype.hasOwnProperty.call(BUILT_IN_TEMPLATES, template)) return builtIn;
  if (fs.exists(template) && !fs.isDirectory(template)) {
    throw new CommandError(`Template ${template} is a file; pass the directory that holds it`);
  }
  if (!fs.isDirectory(template)) {
    throw new CommandError(
      `No such template '${template}'; use one of: ${Object.keys(BUILT_IN_TEMPLATES).join(', ')}, or the path of a template directory`,
    );
  }
  const files: Record<string, string> = {};
  // Sorted, as the revision loader does, so the same template gives the same result everywhere.
  for (const name of fs.readDir(template).sort()) {
    const path = posix.join(template, name);
    // Like Alembic, sub-directories (and a template's own versions/) are not copied.
    if (!fs.isDirectory(path)) files[name] = fs.readFile(path);
  }
  if (!(SCRIPT_TEMPLATE_FILE in files)) {
    throw new CommandError(
      `Template directory ${template} has no ${SCRIPT_TEMPLATE_FILE}, the template new revision files are made from; add one (see list-templates)`,
    );
  }
  return files;
}
