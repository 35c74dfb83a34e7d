import { posix } from 'node:path';
import { CommandError } from '../errors';
import { catchRevisionErrors } from '../graph/plan';
import { toIds } from '../graph/revision';
import { RevisionMap } from '../graph/revision-map';
import { DEFAULT_FILE_TEMPLATE, fileTemplateTokens, renderFileTemplate } from './file-template';
import type { FileSystem } from '../config/file-system';
import { parseRevisionHeader } from './revision-header';
import { newRevisionId, verifyRevisionId, verifyRevisionIdLength } from './revision-id';
import { Script } from './script';
import { isRevisionFileName } from './script-directory-loader';
import { ScriptDirectory } from './script-directory';
import { DEFAULT_TRUNCATE_SLUG_LENGTH, slugify } from './slug';
import { DEFAULT_SCRIPT_TEMPLATE, SCRIPT_TEMPLATE_FILE } from './templates';
import {
  databaseBlockLines,
  docCommentText,
  formatCreateDate,
  functionBody,
  hasDatabaseBlock,
  idsLiteral,
  renderDatabaseBlock,
  renderTemplate,
} from './template-renderer';

/** What a new revision file is to say and where it goes (Alembic's `generate_revision` arguments). */
export interface RevisionSpec {
  /** The new revision's id; a random one (12 hex characters) when absent or empty. */
  revId?: string;
  /** The width of the version table's `version_num` column (`versionTable.columnWidth`): a longer id is refused; 32 by default. */
  maxRevisionIdLength?: number;
  /** The message: the doc comment's first line and the file name's slug; `empty message` when absent or blank. */
  message?: string | null;
  /** The parent(s): any identifier (`head`, `heads`, `base`, an id, `label@head`); default `head`. */
  head?: string | readonly string[];
  /** Allow a parent that is not a head, which starts a new branch. */
  splice?: boolean;
  /** Branch label(s) declared by the new revision. */
  branchLabels?: string | readonly string[] | null;
  /** The version location to write into; see `generateRevision`. */
  versionPath?: string;
  /** Revisions (identifiers or branch labels) the new one depends on. */
  dependsOn?: string | readonly string[] | null;
  /** Statements of `upgrade(op)` (autogenerate); an empty body when absent. */
  upgradeBody?: string;
  /** Statements of `downgrade(op)`; an empty body when absent. */
  downgradeBody?: string;
  /**
   * Multidb: the databases, in order, each with its function bodies (empty when absent). The
   * template must then repeat a section per database (`\${each database}`); the bodies above are unused.
   */
  databases?: readonly DatabaseBodies[];
  /** Names the bodies import from `@nest-migrate/migration` (autogenerate's helpers: `foreignKey`, `sqlText` ...). */
  imports?: readonly string[];
  /** Value imports from other modules (`import-typeorm`: the TypeORM migration class a revision wraps), after `imports`. */
  moduleImports?: readonly ModuleImport[];
  /** The creation time; now by default. */
  now?: Date;
  /** Alembic's `file_template`, without the extension; default `%(rev)s_%(slug)s`. */
  fileTemplate?: string;
  /** Alembic's `truncate_slug_length`; default 40. */
  truncateSlugLength?: number;
}

/** `import { names } from 'from';` in a revision file. */
export interface ModuleImport {
  names: readonly string[];
  /** The module specifier, such as a relative path from the version location. */
  from: string;
}

/** One database's functions in a multidb revision. */
export interface DatabaseBodies {
  name: string;
  upgradeBody?: string;
  downgradeBody?: string;
}

/** A revision file just written. */
export interface GeneratedRevision {
  /** The new revision id. */
  revision: string;
  /** The file written. */
  path: string;
  /** The new revision as the graph reads it back from the file's text. */
  script: Script;
}

/** Alembic's words when `head` names several revisions where a new revision needs its parents. */
export const MULTIPLE_HEADS =
  'Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.';

/**
 * Writes a new revision file from the migrations directory's `script.ts.tmpl` (the built-in
 * generic template when it has none), mirroring Alembic's `ScriptDirectory.generate_revision`.
 * Everything is checked before anything is written: the rendered text is read back with
 * `parseRevisionHeader` and joined to the existing graph, so a file that the next command
 * could not load is never written.
 *
 * The version location is `spec.versionPath`, which must be one of the directory's version
 * locations; with several locations and no `versionPath`, the location of the first parent;
 * with several locations, no `versionPath` and no parent (a new base), an error.
 *
 * @param script the migrations directory (its graph as it was before this call)
 * @param fs where to read the template and write the file
 * @param spec the new revision
 * @throws CommandError (one line) for every refusal; nothing is written then
 */
export function generateRevision(script: ScriptDirectory, fs: FileSystem, spec: RevisionSpec): GeneratedRevision {
  script.assertExists();
  const map = script.revisionMap;
  const revId = spec.revId || uniqueRevisionId(map);
  verifyRevisionId(revId);
  verifyRevisionIdLength(revId, spec.maxRevisionIdLength);

  const heads = catchRevisionErrors({ multipleHeads: MULTIPLE_HEADS }, () => map.getRevisions(spec.head ?? 'head')).filter(
    (h): h is Script => h !== null,
  );
  if (new Set(heads).size !== heads.length) throw new CommandError('Duplicate head revisions specified');

  const existing = map.revisions.find((r) => r.revision === revId);
  if (existing) throw new CommandError(`Revision ${revId} already exists in ${existing.path}; choose another --rev-id`);

  const versionPath = chooseVersionPath(script, heads, spec.versionPath);

  if (!spec.splice) {
    const notHead = heads.find((h) => !h.isHead);
    if (notHead) {
      throw new CommandError(
        `Revision ${notHead.revision} is not a head revision; please specify --splice to create a new branch from this revision`,
      );
    }
  }

  // Alembic keeps a branch label as written (it resolves when the file is read) and pins anything else to a full id.
  const dependsOn = toIds(spec.dependsOn).map((dep) => {
    const target = catchRevisionErrors({}, () => map.getRevision(dep));
    if (target === null) throw new CommandError(`Can't locate revision identified by '${dep}'`);
    return target.branchLabels.has(dep) ? dep : target.revision;
  });

  const now = spec.now ?? new Date();
  const slug = slugify(spec.message, spec.truncateSlugLength ?? DEFAULT_TRUNCATE_SLUG_LENGTH);
  const fileTemplate = spec.fileTemplate ?? DEFAULT_FILE_TEMPLATE;
  const name = `${renderFileTemplate(fileTemplate, fileTemplateTokens(revId, slug, now))}.ts`;
  // The loader reads version locations flat (Alembic 1.8 has no recursive_version_locations),
  // so a file in a sub-directory would be a revision no command ever sees.
  if (name.includes('/') || name.includes('\\')) {
    throw new CommandError(
      `File template '${fileTemplate}' makes '${name}', in a sub-directory of ${versionPath}, where revisions are not read; remove the '/' from the file template`,
    );
  }
  if (!isRevisionFileName(name)) {
    throw new CommandError(
      `File template '${fileTemplate}' makes '${name}', which is not read as a revision file (it starts with '.' or '_'); change the file template or give a message`,
    );
  }
  const path = posix.join(versionPath, name);
  if (fs.exists(path)) throw new CommandError(`File ${path} already exists; choose another --rev-id or message`);

  const downRevisions = heads.map((h) => h.revision);
  const branchLabels = toIds(spec.branchLabels);
  const templatePath = posix.join(script.directory, SCRIPT_TEMPLATE_FILE);
  const template = fs.exists(templatePath) ? fs.readFile(templatePath) : DEFAULT_SCRIPT_TEMPLATE;
  const imports = [...new Set(spec.imports ?? [])].sort();
  const moduleImports = spec.moduleImports ?? [];
  if (imports.length + moduleImports.length > 0 && !template.includes('${imports}')) {
    throw new CommandError(
      `The revision template ${templatePath} has no \${imports} placeholder, which generated revisions need; ` +
        'put it at the start of the `import type { MigrationOps }` line',
    );
  }
  checkDatabaseBlock(template, templatePath, spec.databases);
  const text = renderDatabaseBlock(
    renderTemplate(template, {
      imports: [
        ...(imports.length > 0 ? [`import { ${imports.join(', ')} } from '@nest-migrate/migration';\n`] : []),
        ...moduleImports.map((m) => `import { ${m.names.join(', ')} } from '${m.from}';\n`),
      ].join(''),
      // A blank message would leave the comment's first paragraph to the Revision ID lines, which
      // history would then show as the message: it is written as if none was given.
      message: docCommentText(spec.message?.trim() ? spec.message : 'empty message'),
      revision: docCommentText(revId),
      revises: docCommentText(downRevisions.join(', ')),
      createDate: formatCreateDate(now),
      revisionLiteral: idsLiteral([revId]),
      downRevisionLiteral: idsLiteral(downRevisions),
      branchLabelsLiteral: idsLiteral(branchLabels),
      dependsOnLiteral: idsLiteral(dependsOn),
      // A multidb template's bodies are per database, filled in below.
      ...(spec.databases ? {} : { upgradeBody: functionBody(spec.upgradeBody), downgradeBody: functionBody(spec.downgradeBody) }),
    }),
    (spec.databases ?? []).map((db) => ({
      database: db.name,
      upgradeBody: functionBody(db.upgradeBody),
      downgradeBody: functionBody(db.downgradeBody),
    })),
  );

  const created = readBack(script, text, path, { revId, downRevisions, branchLabels, templatePath });
  checkStepFunctions(text, templatePath, spec.databases);
  fs.mkdir(versionPath);
  fs.writeFile(path, text);
  return { revision: revId, path, script: created };
}

/**
 * A template for one database cannot write a revision for several, nor the reverse, and a
 * multidb template has exactly one section to repeat.
 */
export function checkDatabaseBlock(template: string, templatePath: string, databases: readonly { name: string }[] | undefined): void {
  const { opens, ends } = databaseBlockLines(template);
  if (opens + ends > 0 && (opens !== 1 || ends !== 1 || !hasDatabaseBlock(template))) {
    throw new CommandError(
      `The revision template ${templatePath} must have one \${each database} line and, after it, one \${end} line (it has ${opens} and ${ends})`,
    );
  }
  const perDatabase = hasDatabaseBlock(template);
  if (databases !== undefined && !perDatabase) {
    throw new CommandError(
      `The revision template ${templatePath} has no \${each database} section, which a history of several databases ` +
        `(${databases.map((db) => db.name).join(', ')}) needs; start the directory with 'init --multidb' or copy that template's section`,
    );
  }
  if (databases === undefined && perDatabase) {
    throw new CommandError(
      `The revision template ${templatePath} is for several databases (it has an \${each database} section), ` +
        "but one database is configured; list the databases in MigrationModule's databases option",
    );
  }
}

/**
 * The rendered file must export the functions the loader will ask for: a template that lost
 * one would write revisions that fail only when they run.
 */
function checkStepFunctions(text: string, templatePath: string, databases: readonly DatabaseBodies[] | undefined): void {
  const names = databases ? databases.flatMap((db) => [`upgrade_${db.name}`, `downgrade_${db.name}`]) : ['upgrade', 'downgrade'];
  const missing = names.filter((name) => !new RegExp(`export\\s+(?:async\\s+function|function|const|let)\\s+${name}\\b`).test(text));
  if (missing.length > 0) {
    const shape = databases ? 'upgrade_<database> and downgrade_<database> for each database' : 'upgrade and downgrade';
    throw new CommandError(
      `The revision template ${templatePath} makes a file without ${missing.join(', ')}; every revision exports ${shape}`,
    );
  }
}

/** A random id no revision has yet. */
function uniqueRevisionId(map: RevisionMap<Script>): string {
  const taken = new Set(catchRevisionErrors({}, () => map.revisions.map((r) => r.revision)));
  let id = newRevisionId();
  while (taken.has(id)) id = newRevisionId();
  return id;
}

function chooseVersionPath(script: ScriptDirectory, heads: readonly Script[], requested: string | undefined): string {
  const locations = script.versionLocations;
  let versionPath = requested;
  if (versionPath === undefined) {
    if (locations.length > 1) {
      if (heads.length === 0) {
        throw new CommandError('Multiple version locations present, please specify --version-path');
      }
      versionPath = posix.dirname(heads[0].path);
    } else {
      versionPath = locations[0];
    }
  }
  const wanted = normalize(versionPath);
  const location = locations.find((l) => normalize(l) === wanted);
  if (location === undefined) {
    throw new CommandError(`Path ${versionPath} is not represented in current version locations; use one of: ${locations.join(', ')}`);
  }
  return location;
}

function normalize(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/**
 * Reads the rendered file the way the next command will: its header, then the whole graph
 * with it added. A customised template that drops a declaration, or a graph error (a
 * branch label already used, a dependency loop), stops here, before anything is written.
 */
function readBack(
  script: ScriptDirectory,
  text: string,
  path: string,
  expected: {
    revId: string;
    downRevisions: readonly string[];
    branchLabels: readonly string[];
    templatePath: string;
  },
): Script {
  const header = parseRevisionHeader(text, path);
  const { revId, templatePath } = expected;
  if (header === null || header.revision !== revId) {
    throw new CommandError(
      `The revision template ${templatePath} does not declare "export const revision = \${revisionLiteral};"; restore that line`,
    );
  }
  if (toIds(header.downRevision).join(',') !== expected.downRevisions.join(',')) {
    throw new CommandError(
      `The revision template ${templatePath} does not declare "export const downRevision = \${downRevisionLiteral};"; restore that line`,
    );
  }
  if (expected.branchLabels.length > 0 && toIds(header.branchLabels).length === 0) {
    // Alembic's check, worded for our template.
    throw new CommandError(
      `Version ${revId} specified branch_labels ${expected.branchLabels.join(', ')}, however the migration file ${path} ` +
        `does not have them; have you upgraded your ${SCRIPT_TEMPLATE_FILE} to include the 'branchLabels' section?`,
    );
  }
  const created = new Script(path, header);
  // Fresh nodes: building a map links the nodes it is given, and the directory's own map must stay as it was.
  const copies = script.revisionMap.revisions.map(
    (r) =>
      new Script(r.path, {
        revision: r.revision,
        downRevision: r.downRevision === null ? null : toIdsOrId(r.downRevision),
        branchLabels: [...r.declaredBranchLabels],
        dependsOn: r.dependsOn === null ? null : toIdsOrId(r.dependsOn),
        transactional: r.transactional,
        longdoc: r.longdoc,
        doc: r.doc,
      }),
  );
  const map = new RevisionMap<Script>(() => [...copies, created]);
  catchRevisionErrors({}, () => map.heads);
  return created;
}

function toIdsOrId(ids: string | readonly string[]): string | string[] {
  return typeof ids === 'string' ? ids : [...ids];
}
