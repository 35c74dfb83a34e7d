import { Script } from './script';

/**
 * Text forms of a revision, in the shapes Alembic prints (`Script.cmd_format`,
 * `log_entry`, `__str__`), so that output reads the same to an Alembic user.
 */

export interface HeadOnlyOptions {
  includeBranches?: boolean;
  includeDoc?: boolean;
  includeParents?: boolean;
  /** Show (branchpoint) / (mergepoint). */
  treeIndicators?: boolean;
  /** Show (head) / (effective head) / (current). */
  headIndicators?: boolean;
  /**
   * The revision is in the database's version table (`history -i`, `current`): `(current)`;
   * with several databases, a string names those it is current in: `(current: analytics)`.
   */
  isCurrent?: boolean | string;
  /** When the revision was applied, per the applied log (`history -i`, `current -v`): shown after the message. */
  applied?: string;
}

function currentMark(isCurrent: boolean | string | undefined): string {
  if (!isCurrent) return '';
  return isCurrent === true ? ' (current)' : ` (current: ${isCurrent})`;
}

/** `<base> -> ab12` or `a, b -> c`: the down-revisions of a revision. */
export function formatDownRevision(script: Script): string {
  return script.downRevision === null ? '<base>' : script.versionedDownRevisions.join(', ');
}

/** The one-line form: `ab12cd34ef56 (head)`, `<base> -> ab12 (branchpoint), message`. */
export function formatHeadOnly(script: Script, options: HeadOnlyOptions = {}): string {
  const { treeIndicators = true, headIndicators = true } = options;
  let text = script.revision;
  if (options.includeParents) {
    const deps = script.dependsOn === null ? [] : [script.dependsOn].flat();
    text = deps.length > 0 ? `${formatDownRevision(script)} (${deps.join(', ')}) -> ${text}` : `${formatDownRevision(script)} -> ${text}`;
  }
  if (options.includeBranches && script.branchLabels.size > 0) text += ` (${[...script.branchLabels].join(', ')})`;
  if (headIndicators || treeIndicators) {
    if (script.isRealHead) text += ' (head)';
    if (script.isHead && !script.isRealHead) text += ' (effective head)';
    text += currentMark(options.isCurrent);
  }
  if (treeIndicators) {
    if (script.isBranchPoint) text += ' (branchpoint)';
    if (script.isMergePoint) text += ' (mergepoint)';
  }
  if (options.includeDoc) text += `, ${script.doc}`;
  if (options.applied !== undefined) text += ` (applied ${options.applied})`;
  return text;
}

/** The verbose block (`Rev: ...`, `Parent: ...`, `Path: ...`, then the indented doc), ending in a newline. */
export function formatLogEntry(script: Script, options: { isCurrent?: boolean | string; applied?: string } = {}): string {
  let entry = `Rev: ${script.revision}`;
  if (script.isHead) entry += ' (head)';
  if (script.isBranchPoint) entry += ' (branchpoint)';
  if (script.isMergePoint) entry += ' (mergepoint)';
  entry += currentMark(options.isCurrent);
  entry += '\n';
  entry += script.isMergePoint ? `Merges: ${formatDownRevision(script)}\n` : `Parent: ${formatDownRevision(script)}\n`;
  if (script.dependsOn !== null) entry += `Also depends on: ${[script.dependsOn].flat().join(', ')}\n`;
  if (script.isBranchPoint) entry += `Branches into: ${[...script.nextRevisions].join(', ')}\n`;
  if (script.branchLabels.size > 0) entry += `Branch names: ${[...script.branchLabels].join(', ')}\n`;
  entry += `Path: ${script.path}\n`;
  if (options.applied !== undefined) entry += `Applied: ${options.applied}\n`;
  const doc = script.longdoc === '' ? [] : script.longdoc.split(/\r?\n/);
  entry += `\n${doc.map((line) => `    ${line}`).join('\n')}\n`;
  return entry;
}

/** Alembic's `cmd_format`: the log entry when verbose, else the one-line form. */
export function formatRevision(script: Script, verbose: boolean, options: HeadOnlyOptions = {}): string {
  return verbose ? formatLogEntry(script, { isCurrent: options.isCurrent, applied: options.applied }) : formatHeadOnly(script, options);
}
