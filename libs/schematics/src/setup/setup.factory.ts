import { Rule, SchematicContext, Tree } from '@angular-devkit/schematics';
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { posix } from 'node:path';
import { refusal } from '../utils/core-rule';
import {
  addNamedImport,
  addToModuleImports,
  applyInsertions,
  Bootstrap,
  findBootstrap,
  mentions,
  parseSource,
  prependToBody,
  SourceShapeError,
} from '../utils/nest-source';
import { clean, findProject, migrationsDirectoryOf, readJson, WorkspaceProject } from '../utils/workspace-project';
import type { SetupSchema } from './setup.schema';

const LIBRARY = '@nest-migrate/migration';
const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2 } };

/** One step's outcome: the file's new text (none when it is already set up) and what to tell the user. */
interface Step {
  path: string;
  text?: string;
  info: string;
  warning?: string;
}

/**
 * `setup` (like `ng add`): wires nest-migrate into an existing Nest app. It adds
 * `MigrationModule.forRoot(...)` to the root module, the CLI branch to main.ts, the migrations
 * directory to the build tsconfig's `exclude`, and (Nest CLI apps) npm scripts. Each step
 * leaves alone what is already there, so running it twice changes nothing. Every step is
 * worked out before any file is written, so a file it cannot understand is refused in one
 * line with nothing changed.
 */
export function main(options: SetupSchema): Rule {
  return (tree: Tree, context: SchematicContext) => {
    const project = findProject(tree, options.project, options.sourceRoot);
    const directory = clean(options.directory ?? migrationsDirectoryOf(project));
    const mainPath = `${project.sourceRoot}/main.ts`;
    const mainText = readText(tree, mainPath, project);
    const bootstrap = inFile(mainPath, () => findBootstrap(parseSource(mainPath, mainText)));
    const steps = [
      addMigrationModule(tree, rootModulePath(tree, mainPath, bootstrap.rootModuleFrom), bootstrap, directory),
      addCliBranch(mainPath, mainText, bootstrap),
      excludeFromBuild(tree, project, directory),
      ...addScripts(tree, project),
    ];
    for (const step of steps) {
      if (step.text !== undefined) tree.overwrite(step.path, step.text);
      context.logger.info(step.info);
      if (step.warning !== undefined) context.logger.warn(step.warning);
    }
    return tree;
  };
}

function addMigrationModule(tree: Tree, path: string, bootstrap: Bootstrap, directory: string): Step {
  const className = bootstrap.rootModuleClass!;
  const text = tree.readText(path);
  const source = parseSource(path, text);
  const element = `MigrationModule.forRoot({ directory: '${directory}' })`;
  const insertions = inFile(path, () => addToModuleImports(source, className, element, 'MigrationModule.'));
  if (insertions.length === 0) return { path, info: `${path} already imports MigrationModule` };
  return {
    path,
    text: applyInsertions(text, [...insertions, ...addNamedImport(source, 'MigrationModule', LIBRARY)]),
    info: `Added ${element} to ${className} in ${path}`,
    warning: mentions(source, 'TypeOrmModule')
      ? undefined
      : `${className} does not register TypeOrmModule; MigrationModule migrates the app's TypeORM DataSource, so add TypeOrmModule.forRoot(...) too`,
  };
}

function addCliBranch(path: string, text: string, bootstrap: Bootstrap): Step {
  const source = parseSource(path, text);
  if (mentions(source, 'runMigrationCli')) return { path, info: `${path} already runs the migration CLI` };
  if (!bootstrap.isAsync) {
    throw refusal(
      `Cannot change ${path}: the function that calls NestFactory is not async; add the CLI branch by hand (README, "In a Nest app")`,
    );
  }
  const branch = prependToBody(source, bootstrap.body, [
    '// With a command (`nest start -- upgrade`, `node dist/main upgrade`) the app is the migration CLI.',
    'if (process.argv.length > 2) {',
    `  await runMigrationCli(${bootstrap.rootModule});`,
    '  return;',
    '}',
    '',
  ]);
  return {
    path,
    text: applyInsertions(text, [...branch, ...addNamedImport(source, 'runMigrationCli', LIBRARY)]),
    info: `Added the migration CLI branch to ${path}`,
  };
}

/**
 * Revision files are loaded from the migrations directory at run time. Compiled with the app,
 * they would move the common root of its sources, and with it the built main.js (to
 * dist/src/main.js), so `node dist/main` would no longer start.
 */
function excludeFromBuild(tree: Tree, project: WorkspaceProject, directory: string): Step {
  const path = project.buildTsconfig;
  const config = readJson<{ exclude?: string[]; extends?: string }>(tree, path);
  if (config === undefined) {
    throw refusal(`Cannot find ${path}, the tsconfig the app is built with; create it, or pass --project for an Nx or monorepo app`);
  }
  const entry = posix.relative(posix.dirname(path), directory) || '.';
  if (config.exclude?.some((pattern) => clean(pattern) === entry))
    return { path, info: `${path} already leaves ${entry} out of the build` };
  const text = tree.readText(path);
  return { path, text: appendToExclude(tree, path, text, config, entry), info: `Added ${entry} to the exclude of ${path}` };
}

function appendToExclude(tree: Tree, path: string, text: string, config: { exclude?: string[]; extends?: string }, entry: string): string {
  const list = findNodeAtLocation(parseTree(text)!, ['exclude']);
  const last = list?.children?.[list.children.length - 1];
  if (list === undefined || last === undefined) {
    // tsconfig's exclude replaces the one it extends instead of adding to it, so start from that one.
    const exclude = config.exclude ?? inheritedExclude(tree, path, config.extends) ?? ['node_modules'];
    return applyEdits(text, modify(text, ['exclude'], [...exclude, entry], FORMAT));
  }
  // After the last entry, in the list's own layout (jsonc-parser would reformat the whole list).
  const end = last.offset + last.length;
  const multiline = text.slice(list.offset, list.offset + list.length).includes('\n');
  const separator = multiline ? `,\n${/[ \t]*$/.exec(text.slice(0, last.offset))![0]}` : ', ';
  return `${text.slice(0, end)}${separator}${JSON.stringify(entry)}${text.slice(end)}`;
}

function inheritedExclude(tree: Tree, path: string, parent: string | undefined): string[] | undefined {
  if (parent === undefined || !parent.startsWith('.')) return undefined;
  const parentPath = posix.join(posix.dirname(path), parent.endsWith('.json') ? parent : `${parent}.json`);
  return readJson<{ exclude?: string[] }>(tree, parentPath)?.exclude;
}

/** `npm run migrate:upgrade` and friends, for apps the Nest CLI builds (`nest start -- <command>`). */
function addScripts(tree: Tree, project: WorkspaceProject): Step[] {
  if (project.kind === 'nx') {
    return [
      {
        path: 'package.json',
        info: `Nx project ${project.name}: no npm scripts added; build it and run its main.js with a command (node <output path>/main.js upgrade)`,
      },
    ];
  }
  const start = project.name === undefined ? 'nest start --' : `nest start ${project.name} --`;
  const scripts: Record<string, string> = {
    migration: start,
    'migrate:generate': `${start} migrate -m`,
    'migrate:upgrade': `${start} upgrade`,
    'migrate:downgrade': `${start} downgrade`,
    'migrate:current': `${start} current`,
    'migrate:history': `${start} history`,
    'migrate:check': `${start} check`,
  };
  const path = 'package.json';
  const existing = readJson<{ scripts?: Record<string, string> }>(tree, path);
  if (existing === undefined) throw refusal('Cannot find package.json at the workspace root to add the migrate:* scripts to');
  const missing = Object.entries(scripts).filter(([name]) => existing.scripts?.[name] === undefined);
  if (missing.length === 0) return [{ path, info: `${path} already has the migrate:* scripts` }];
  const text = missing.reduce(
    (json, [name, command]) => applyEdits(json, modify(json, ['scripts', name], command, FORMAT)),
    tree.readText(path),
  );
  return [{ path, text, info: `Added the scripts ${missing.map(([name]) => name).join(', ')} to ${path}` }];
}

/** The file of the root module that main.ts imports, such as src/app.module.ts. */
function rootModulePath(tree: Tree, mainPath: string, from: string | undefined): string {
  if (from === undefined || !from.startsWith('.')) {
    throw refusal(`Cannot find the root module of ${mainPath}: NestFactory.create is not given a class imported from a file of the app`);
  }
  const base = posix.join(posix.dirname(mainPath), from.replace(/\.js$/, ''));
  const path = [`${base}.ts`, `${base}/index.ts`].find((candidate) => tree.exists(candidate));
  if (path === undefined) throw refusal(`Cannot find ${base}.ts, the root module that ${mainPath} imports`);
  return path;
}

function readText(tree: Tree, path: string, project: WorkspaceProject): string {
  if (!tree.exists(path)) {
    const hint =
      project.name === undefined ? 'pass --source-root, or --project for an Nx or monorepo app' : `check the sourceRoot of ${project.name}`;
    throw refusal(`Cannot find ${path}, the app's entry file; ${hint}`);
  }
  return tree.readText(path);
}

/** Runs a source analysis, turning "this file has another shape" into a one-line refusal naming the file. */
function inFile<T>(path: string, analyse: () => T): T {
  try {
    return analyse();
  } catch (error) {
    if (error instanceof SourceShapeError) {
      throw refusal(`Cannot change ${path}: ${error.message}; make this change by hand (README, "In a Nest app")`);
    }
    throw error;
  }
}
