/**
 * Conformance of the commands with Alembic 1.8.1. Each fixture in `__fixtures__/` holds command
 * queries that real Alembic answered by running its command functions
 * (tools/conformance/alembic_commands.py) on a migrations directory of the fixture's revisions,
 * online against a SQLite database whose version table held the query's `rows`, inserted in
 * that order (the order Alembic read them back in, which the oracle checks). Here our commands
 * answer the same queries on the same revisions, given in the same (file) order:
 *
 * - `show`, `history`: the core functions, given the rows for `current` as `Migrate` passes
 *   them after reading the database; the revisions listed, in order.
 * - `upgrade`, `downgrade`, `stamp` online: the plan our MigrationContext makes from the rows as
 *   the database returns them (`ScriptDirectory.upgradeRevs` ...), its `Running ...` lines, and
 *   the version table after the run.
 * - the same with `--sql`: our real command, offline, on the same files; the script's
 *   `-- Running ...` comments.
 * - `merge`: our real command on a copy of the directory; the new revision's parents and labels.
 *
 * Compared exactly, except:
 * - errors: a CommandError must be ours too, with Alembic's message (a range that names several
 *   revisions is printed `a, b`, not as Alembic's Python tuple; `merge` of a non-head does not
 *   suggest `--splice`, which merge does not take: there we check that our message names the
 *   same revisions). Where Alembic fails with a Python-level error (AssertionError on an empty
 *   `--sql` range end, AttributeError on a relative step past the base or a start that names no
 *   revision, KeyError), we must fail with one of our typed errors.
 * - a run that fails part way: Alembic's HeadMaintainer fails with a KeyError on a later step
 *   (the steps of a several-revision stamp were each planned against the same rows), after
 *   logging the earlier steps and, on SQLite, keeping their rows. We refuse the whole plan
 *   before its first step, with a typed error, and print and emit nothing (deliberate).
 * - an upgrade through a revision one of whose parents has no row, because another row already
 *   implies it through a dependency: Alembic's HeadMaintainer fails with a KeyError naming that
 *   parent; we merge the rows that exist (deliberate, as in graph/conformance.spec.ts).
 * - on any failure, we print nothing: no `Running` line, no SQL.
 * - `:current` and `base:current` with an empty version table: Alembic lists every revision
 *   (it takes the empty rows for "no end given"); we list none (deliberate).
 * - answers Alembic itself gave differently under other hash seeds (`hashOrderVariants`): any
 *   one of them is accepted.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CommandError, MigrationError } from '../errors';
import { HeadMaintainer } from '../graph/head-maintainer';
import { RevisionError } from '../graph/errors';
import { toIds } from '../graph/revision';
import type { MigrationStep } from '../graph/steps';
import { describeStep } from '../runtime/step-log';
import { MemoryFileSystem } from '../script/memory-file-system';
import { NodeFileSystem } from '../script/node-file-system';
import { ScriptDirectory } from '../script/script-directory';
import { downgrade } from './downgrade';
import { history } from './history';
import { merge } from './merge';
import type { Output } from './output';
import { show } from './show';
import { stamp } from './stamp';
import { upgrade } from './upgrade';

type Ids = string | string[] | null;

type Command =
  | { cmd: 'show'; rev: string; rows: string[] }
  | { cmd: 'history'; range: string; rows: string[] }
  | { cmd: 'upgrade' | 'downgrade'; target: string; sql?: boolean; rows?: string[] }
  | { cmd: 'stamp'; revisions: string[]; sql?: boolean; rows?: string[] }
  | { cmd: 'merge'; revisions: string[] };

interface Answer {
  error?: string;
  message?: string;
  printed?: string[];
  running?: string[];
  sqlSteps?: string[];
  rows?: string[];
  downRevision?: Ids;
  branchLabels?: string[];
}

interface Fixture {
  name: string;
  revisions: { revision: string; downRevision: Ids; dependsOn: Ids; branchLabels: Ids }[];
  commands: Command[];
  answers: Answer[];
  hashOrderVariants?: Record<string, Answer[]>;
}

/** What our command did: the same keys as Alembic's answer, plus what it threw and printed on the way. */
interface Outcome extends Omit<Answer, 'error' | 'message'> {
  thrown?: unknown;
  /** Progress lines and SQL written before the command ended. */
  written: string[];
}

const FIXTURE_DIR = join(__dirname, '__fixtures__');
const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(join(FIXTURE_DIR, file), 'utf8')) as Fixture);

/** Alembic's `merge` wording suggests --splice; ours says that merge joins heads. */
const NOT_A_HEAD = /^Revision (\S+) is not a head revision; /;

/** One revision file per revision, CommonJS so `--sql` runs load it as it is; sorted names keep the fixture's order. */
function revisionFiles(fixture: Fixture): Map<string, string> {
  const files = new Map<string, string>();
  fixture.revisions.forEach((r, i) => {
    const literal = (ids: Ids) => JSON.stringify(ids).replace(/"/g, "'");
    files.set(
      `${String(i).padStart(4, '0')}_${r.revision}.js`,
      [
        `exports.revision = '${r.revision}';`,
        `exports.downRevision = ${literal(r.downRevision)};`,
        `exports.branchLabels = ${literal(r.branchLabels)};`,
        `exports.dependsOn = ${literal(r.dependsOn)};`,
        'exports.upgrade = async () => {};',
        'exports.downgrade = async () => {};',
        '',
      ].join('\n'),
    );
  });
  return files;
}

function recorder(): { output: Output; written: string[]; sql: () => string } {
  const written: string[] = [];
  let sql = '';
  const output: Output = {
    info: (line) => void written.push(line),
    warn: () => undefined,
    sql: (text) => {
      written.push(text);
      sql += text;
    },
  };
  return { output, written, sql: () => sql };
}

/** The online plan as MigrationContext makes it from the rows read, and the table after it. */
function planOnline(script: ScriptDirectory, command: Command & { rows?: string[] }): Outcome {
  const rows = command.rows ?? [];
  let steps: MigrationStep[];
  try {
    if (command.cmd === 'upgrade') steps = script.upgradeRevs(command.target, rows);
    else if (command.cmd === 'downgrade') steps = script.downgradeRevs(command.target, rows);
    else if (command.cmd === 'stamp') steps = script.stampRevs(command.revisions, rows);
    else throw new Error(`not a run command: ${command.cmd}`);
  } catch (thrown) {
    return { thrown, written: [] };
  }
  const maintainer = new HeadMaintainer(rows);
  for (const step of steps) maintainer.updateToStep(step);
  const running = steps.map((step) => describeStep(step));
  return { running, rows: [...maintainer.heads].sort(), written: running };
}

async function runOffline(directory: string, command: Command): Promise<Outcome> {
  const { output, written, sql } = recorder();
  const config = { directory, database: { url: 'sqlite::memory:' } };
  try {
    if (command.cmd === 'upgrade') await upgrade(config, command.target, { sql: true, output });
    else if (command.cmd === 'downgrade') await downgrade(config, command.target, { sql: true, output });
    else if (command.cmd === 'stamp') await stamp(config, command.revisions, { sql: true, output });
  } catch (thrown) {
    return { thrown, written };
  }
  const sqlSteps = sql()
    .split('\n')
    .filter((line) => line.startsWith('-- Running '))
    .map((line) => line.slice('-- Running '.length));
  return { sqlSteps, written };
}

function runMerge(files: Map<string, string>, command: Command & { cmd: 'merge' }): Outcome {
  const fs = new MemoryFileSystem();
  fs.mkdir('migrations/versions');
  for (const [name, text] of files) fs.writeFile(`migrations/versions/${name}`, text);
  const script = new ScriptDirectory({ directory: 'migrations', fs });
  try {
    const written = merge(script, fs, { revisions: command.revisions, message: 'merged', revId: 'feedfacecafe' });
    const down = written.script.downRevision;
    const downRevision = Array.isArray(down) ? [...down] : (down as string | null);
    return { downRevision, branchLabels: [...written.script.declaredBranchLabels].sort(), written: [] };
  } catch (thrown) {
    return { thrown, written: [] };
  }
}

async function answer(files: Map<string, string>, directory: string, command: Command): Promise<Outcome> {
  const script = new ScriptDirectory({ directory, fs: new NodeFileSystem() });
  switch (command.cmd) {
    case 'show':
    case 'history':
      try {
        const listed = command.cmd === 'show' ? show(script, command.rev, command.rows) : history(script, command.range, command.rows);
        return { printed: listed.map((s) => s.revision), written: [] };
      } catch (thrown) {
        return { thrown, written: [] };
      }
    case 'merge':
      return runMerge(files, command);
    default:
      return command.sql ? runOffline(directory, command) : planOnline(script, command);
  }
}

function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}

/** Every revision id and label the text names, longest first so a prefix is not counted for its id. */
function namesIn(text: string, fixture: Fixture): string[] {
  const names = fixture.revisions.flatMap((r) => [r.revision, ...toIds(r.branchLabels)]).sort((a, b) => b.length - a.length);
  return names.filter((name) => text.includes(name));
}

function errorProblems(fixture: Fixture, expected: Answer, ours: Outcome): string[] {
  if (ours.thrown === undefined) return [`Alembic raised ${expected.error}: ${expected.message}; we answered ${JSON.stringify(ours)}`];
  const problems = ours.written.length > 0 ? [`we failed after writing ${JSON.stringify(ours.written)}`] : [];
  const thrown = ours.thrown;
  const ranSteps = (expected.running?.length ?? 0) > 0 || (expected.sqlSteps?.length ?? 0) > 0;
  if (expected.error !== 'CommandError' || ranSteps) {
    // A Python-level failure, or one after progress: ours must be typed and come before any step.
    if (!(thrown instanceof MigrationError)) problems.push(`Alembic failed with ${expected.error}; we threw ${describeThrown(thrown)}`);
    if (ranSteps && !(thrown instanceof CommandError && thrown.cause instanceof RevisionError)) {
      problems.push(`Alembic failed part way; we must refuse the plan, but threw ${describeThrown(thrown)}`);
    }
    return problems;
  }
  if (!(thrown instanceof CommandError)) {
    return [...problems, `expected CommandError: ${expected.message}; we threw ${describeThrown(thrown)}`];
  }
  const message = expected.message!;
  const reworded = NOT_A_HEAD.test(message) || /\('/.test(message);
  if (reworded) {
    const missing = namesIn(message, fixture).filter((name) => !thrown.message.includes(name));
    if (missing.length > 0) problems.push(`our message "${thrown.message}" does not name ${missing.join(', ')}`);
  } else if (thrown.message !== message) {
    problems.push(`message differs:\n  ours:    ${thrown.message}\n  alembic: ${message}`);
  }
  return problems;
}

/** Deliberate: with no rows, a `current` end that closes the range lists nothing (Alembic: everything). */
function isEmptyCurrentEnd(command: Command): boolean {
  return command.cmd === 'history' && command.rows.length === 0 && command.range.endsWith(':current');
}

/**
 * Deliberate (graph/steps.ts, mergeBranchIdents): an upgrade through a revision with several
 * parents (down-revisions and dependencies), one of which has no row because another row
 * already implies it through a dependency. Alembic's HeadMaintainer tries to delete that
 * parent's row and dies with a KeyError naming it; we merge the rows that exist and carry on.
 * Up to that revision our steps must be Alembic's, and the table must end with no row below
 * another.
 */
function isImpliedParentMerge(script: ScriptDirectory, expected: Answer, ours: Outcome): boolean {
  const theirs = expected.sqlSteps ?? expected.running ?? [];
  const mine = ours.sqlSteps ?? ours.running ?? [];
  if (expected.error !== 'KeyError' || ours.thrown !== undefined || theirs.length === 0) return false;
  if (!isDeepStrictEqual(mine.slice(0, theirs.length), theirs)) return false;
  const merged = /^upgrade .+ -> (\S+)$/.exec(theirs[theirs.length - 1])?.[1];
  const parents = merged === undefined ? [] : script.revisionMap.get(merged).normalizedDownRevisions;
  if (parents.length < 2 || !parents.includes(expected.message!)) return false;
  const map = script.revisionMap;
  const rows = ours.rows ?? [];
  return rows.every((row) => !map.ancestorNodes([map.get(row)]).some((below) => below.revision !== row && rows.includes(below.revision)));
}

function problemsAgainst(script: ScriptDirectory, fixture: Fixture, command: Command, ours: Outcome, expected: Answer): string[] {
  if (isImpliedParentMerge(script, expected, ours)) return [];
  if (expected.error !== undefined) return errorProblems(fixture, expected, ours);
  if (ours.thrown !== undefined) return [`Alembic answered ${JSON.stringify(expected)}; we threw ${describeThrown(ours.thrown)}`];
  const { written: _written, ...value } = ours;
  const wanted = isEmptyCurrentEnd(command) ? { ...expected, printed: [] } : expected;
  return isDeepStrictEqual(value, wanted) ? [] : [`ours ${JSON.stringify(value)}, alembic ${JSON.stringify(wanted)}`];
}

function title(index: number, command: Command): string {
  const { cmd, ...args } = command;
  return `#${index} ${cmd} ${JSON.stringify(args)}`;
}

describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
  let root: string;
  let directory: string;
  const files = revisionFiles(fixture);

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'nest-migrate-conformance-'));
    directory = join(root, 'migrations');
    mkdirSync(join(directory, 'versions'), { recursive: true });
    for (const [name, text] of files) writeFileSync(join(directory, 'versions', name), text);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(fixture.commands.map((command, index) => [title(index, command), index] as const))('%s', async (_title, index) => {
    const command = fixture.commands[index];
    const ours = await answer(files, directory, command);
    const candidates = fixture.hashOrderVariants?.[String(index)] ?? [fixture.answers[index]];
    const script = new ScriptDirectory({ directory, fs: new NodeFileSystem() });
    const problems = candidates.map((expected) => problemsAgainst(script, fixture, command, ours, expected));
    if (!problems.some((p) => p.length === 0)) throw new Error(problems[0].join('\n'));
  });
});
