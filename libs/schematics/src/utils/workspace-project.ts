import { Tree } from '@angular-devkit/schematics';
import { parse } from 'jsonc-parser';
import { refusal } from './core-rule';

/** Where one application lives in the workspace, with paths relative to the workspace root ('' for the root). */
export interface WorkspaceProject {
  /** The folder holding the app's tsconfig files (and, for a Nest CLI app, its package.json). */
  root: string;
  /** The folder holding main.ts. */
  sourceRoot: string;
  /** The tsconfig the app is built with, which must leave the migrations directory out. */
  buildTsconfig: string;
  /** How the app is laid out: a Nest CLI app or monorepo project (nest-cli.json), or an Nx project (project.json). */
  kind: 'nest' | 'nx';
  /** The project's name, when one was asked for. */
  name?: string;
}

// Folders no project lives in; walking them would only cost time in a real workspace.
const NOT_PROJECTS = new Set(['node_modules', 'dist', 'tmp', 'coverage']);

/**
 * The project a schematic acts on: `project` by its name (a Nest monorepo's nest-cli.json
 * entry, or an Nx project.json), or else the Nest CLI app at the workspace root.
 * @throws SchematicsException (one line) when the named project cannot be found
 */
export function findProject(tree: Tree, project: string | undefined, sourceRoot?: string): WorkspaceProject {
  const nestCli = readJson<NestCliConfig>(tree, 'nest-cli.json');
  if (project !== undefined) {
    const nestProject = nestCli?.projects?.[project];
    if (nestProject?.root !== undefined) {
      return {
        kind: 'nest',
        name: project,
        root: clean(nestProject.root),
        sourceRoot: clean(nestProject.sourceRoot ?? `${nestProject.root}/src`),
        buildTsconfig: clean(nestProject.compilerOptions?.tsConfigPath ?? `${nestProject.root}/tsconfig.app.json`),
      };
    }
    const nx = findNxProject(tree, project);
    if (nx !== undefined) return nx;
    throw refusal(
      `No project named '${project}' in this workspace (looked in nest-cli.json and every project.json); check the name, or pass --directory`,
    );
  }
  return {
    kind: 'nest',
    root: '',
    sourceRoot: clean(sourceRoot ?? nestCli?.sourceRoot ?? 'src'),
    buildTsconfig: clean(nestCli?.compilerOptions?.tsConfigPath ?? 'tsconfig.build.json'),
  };
}

/** The migrations directory of a project: `migrations` beside its tsconfig files. */
export function migrationsDirectoryOf(project: WorkspaceProject): string {
  return project.root === '' ? 'migrations' : `${project.root}/migrations`;
}

interface NestCliConfig {
  sourceRoot?: string;
  compilerOptions?: { tsConfigPath?: string };
  projects?: Record<string, { root?: string; sourceRoot?: string; compilerOptions?: { tsConfigPath?: string } }>;
}

interface NxProjectConfig {
  name?: string;
  sourceRoot?: string;
}

function findNxProject(tree: Tree, name: string): WorkspaceProject | undefined {
  for (const path of projectFiles(tree, '/')) {
    const config = readJson<NxProjectConfig>(tree, path);
    if (config?.name !== name) continue;
    const root = clean(path.slice(0, -'project.json'.length));
    return {
      kind: 'nx',
      name,
      root,
      sourceRoot: clean(config.sourceRoot ?? `${root}/src`),
      buildTsconfig: clean(`${root}/tsconfig.app.json`),
    };
  }
  return undefined;
}

function* projectFiles(tree: Tree, dir: string): Generator<string> {
  const entry = tree.getDir(dir);
  if (entry.subfiles.includes('project.json' as never)) yield `${dir === '/' ? '' : dir}/project.json`;
  for (const sub of entry.subdirs) {
    if (!sub.startsWith('.') && !NOT_PROJECTS.has(sub)) yield* projectFiles(tree, `${dir === '/' ? '' : dir}/${sub}`);
  }
}

/** A JSON file that may hold comments (tsconfig, nest-cli.json); undefined when it is missing. */
export function readJson<T>(tree: Tree, path: string): T | undefined {
  const content = tree.read(path);
  return content === null ? undefined : (parse(content.toString('utf8'), [], { allowTrailingComma: true }) as T);
}

/** A workspace-relative path without a leading `./` or `/` or a trailing `/`. */
export function clean(path: string): string {
  return path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}
