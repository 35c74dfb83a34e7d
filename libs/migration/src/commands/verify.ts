import type { ResolvedConfig } from '../config/resolve-config';
import { MigrationError } from '../errors';
import type { AppliedDirection } from '../runtime/applied-log';
import { describeDatabase } from '../runtime/database';
import { fileChecksum } from '../script/checksum';
import { AppliedRevision, appliedRevisions } from './applied-revisions';
import { configList, Configs, isMany, NamedEnvironment, withEnvironments } from './databases';
import type { Environment } from './environment';
import { Output, SILENT_OUTPUT } from './output';

/**
 * What `verify` found for one applied revision:
 * - `ok`: its file has the checksum recorded when it ran;
 * - `changed`: the file was edited since it ran;
 * - `missing`: the version table records it, and no file has it;
 * - `unknown`: the log cannot tell (no row: migrated before the log existed; or stamped, which runs no file).
 */
export type VerifyStatus = 'ok' | 'changed' | 'missing' | 'unknown';

export interface VerifiedRevision {
  revision: string;
  status: VerifyStatus;
  /** The revision file; null when `missing`. */
  path: string | null;
  /** What the log's latest row for it did, and when; null where it has none. */
  direction: AppliedDirection | null;
  appliedAt: string | null;
  /** The checksum the log recorded, and the file's now. */
  recordedChecksum: string | null;
  fileChecksum: string | null;
}

export interface VerifyResult {
  /** The database, safe to print. */
  database: string;
  /** Every applied revision, newest first. */
  revisions: VerifiedRevision[];
  /** The history's heads: more than one fails `verify` unless allowed. */
  heads: string[];
  /** One sentence per problem, each naming the revision and what to do; empty when verify passes. */
  problems: string[];
  /** Multidb: every database's own result, the primary first; the fields above are the primary's, problems are all of them. */
  databases?: Array<Omit<VerifyResult, 'databases'> & { name: string }>;
}

export interface VerifyOptions {
  /** Do not fail on a history with several heads (a team that merges branches later). */
  allowMultipleHeads?: boolean;
  output?: Output;
}

/** `verify` found problems: the CLI exits 1. The result has every revision's status. */
export class VerifyFailedError extends MigrationError {
  constructor(readonly result: VerifyResult) {
    const n = result.problems.length;
    super(`verify found ${n === 1 ? '1 problem' : `${n} problems`}: ${result.problems.join('; ')}`);
  }
}

/**
 * Checks that what ran is what the history says (a CI gate beyond Alembic, as Flyway's
 * `validate`): every applied revision's file has the checksum the applied log recorded when it
 * ran, every row of the version table has a file, and the history has one head. Reads only.
 * Revisions the log has no row for are `unknown`, not failures. Rejects with VerifyFailedError
 * when there are problems.
 */
export async function verify(configs: Configs, options: VerifyOptions = {}): Promise<VerifyResult> {
  const result = await verifyDatabases(configs, options);
  if (result.problems.length > 0) throw new VerifyFailedError(result);
  return result;
}

/** `verify`'s findings without failing on them. */
export async function verifyDatabases(configs: Configs, options: VerifyOptions = {}): Promise<VerifyResult> {
  const list = configList(configs);
  return withEnvironments(list, { offline: false, output: options.output ?? SILENT_OUTPUT, access: 'read' }, (envs) =>
    verifyEnvironments(list, envs, isMany(configs), options),
  );
}

/** The findings on databases a command has open (`check` passes its own), combined when there are several. */
export async function verifyEnvironments(
  list: readonly ResolvedConfig[],
  envs: readonly NamedEnvironment[],
  many: boolean,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const results: VerifyResult[] = [];
  for (const [i, { env }] of envs.entries()) results.push(await verifyEnvironment(list[i], env, options));
  if (!many) return results[0];
  const databases = results.map((result, i) => ({ name: envs[i].name, ...result }));
  // The history's heads are every database's: said once.
  const [headsProblem] = results[0].problems.filter((p) => p.startsWith(HEADS_PROBLEM));
  const problems = databases.flatMap((db) => db.problems.filter((p) => p !== headsProblem).map((p) => `database ${db.name}: ${p}`));
  return { ...results[0], problems: [...(headsProblem ? [headsProblem] : []), ...problems], databases };
}

/** One database's findings. */
async function verifyEnvironment(config: ResolvedConfig, env: Environment, options: VerifyOptions): Promise<VerifyResult> {
  const { script, versionTable, appliedLog } = env;
  const { fs } = config;
  const applied = appliedRevisions(script, await versionTable.currentHeads(), await appliedLog.read());
  const revisions = applied.map((a) => verified(a, (path) => fileChecksum(fs, path)));
  const problems = revisions.flatMap((r) => {
    if (r.status === 'changed') {
      return [
        `revision ${r.revision} (${r.path}) changed since it ran on ${r.appliedAt} (checksum then ${short(r.recordedChecksum)}, now ${short(r.fileChecksum)}); ` +
          'restore the file as it ran (git log -p shows it) and put the change in a new revision',
      ];
    }
    if (r.status === 'missing') {
      return [
        `the version table records ${r.revision}, which no revision file has; restore its file, or 'stamp' the database to a revision it holds`,
      ];
    }
    return [];
  });
  const heads = script.getHeads();
  if (heads.length > 1 && !options.allowMultipleHeads) {
    problems.push(`${HEADS_PROBLEM} (${[...heads].sort().join(', ')}); merge them with 'merge heads', or pass --allow-multiple-heads`);
  }
  return { database: describeDatabase(config.database), revisions, heads, problems };
}

const HEADS_PROBLEM = 'the history has more than one head';

function verified({ revision, script, entry }: AppliedRevision, checksumOf: (path: string) => string): VerifiedRevision {
  const fileSum = script ? checksumOf(script.path) : null;
  const recorded = entry?.direction === 'upgrade' ? entry.checksum : null;
  const status: VerifyStatus = !script ? 'missing' : recorded === null ? 'unknown' : recorded === fileSum ? 'ok' : 'changed';
  return {
    revision,
    status,
    path: script?.path ?? null,
    direction: entry?.direction ?? null,
    appliedAt: entry?.appliedAt ?? null,
    recordedChecksum: recorded,
    fileChecksum: fileSum,
  };
}

/** A checksum as messages show it: its first 12 hex digits. */
function short(checksum: string | null): string {
  return checksum === null ? 'none' : checksum.slice(0, 12);
}
