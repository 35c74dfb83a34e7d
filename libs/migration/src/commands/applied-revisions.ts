import { AppliedLogEntry, latestEntries } from '../runtime/applied-log';
import type { Script } from '../script/script';
import type { ScriptDirectory } from '../script/script-directory';

/** A revision the version table holds (itself, or below one of its rows), and what the applied log says of it. */
export interface AppliedRevision {
  revision: string;
  /** Its file; null when the version table records an id no file has. */
  script: Script | null;
  /** The log's latest row for it; null where the log has none (applied before the log existed). */
  entry: AppliedLogEntry | null;
}

/**
 * Every applied revision, in the order `history` lists them (newest first): the version table's rows with everything below them
 * (as Alembic reads "applied"), rows no file matches first. Each with its latest log row, so a
 * database migrated before the log existed shows unknown, never a made-up time.
 */
export function appliedRevisions(
  script: ScriptDirectory,
  heads: readonly string[],
  entries: readonly AppliedLogEntry[],
): AppliedRevision[] {
  const all = script.walkRevisions('base', 'heads');
  const known = new Set(all.map((s) => s.revision));
  const missing = heads.filter((head) => !known.has(head));
  const present = heads.filter((head) => known.has(head));
  const latest = latestEntries(entries);
  const entryOf = (revision: string) => latest.get(revision) ?? null;
  const applied = new Set(
    script.revisionMap.ancestorNodes(script.getRevisions(present).filter((s): s is Script => s !== null)).map((s) => s.revision),
  );
  return [
    ...[...new Set(missing)].sort().map((revision) => ({ revision, script: null, entry: entryOf(revision) })),
    ...all.filter((s) => applied.has(s.revision)).map((s) => ({ revision: s.revision, script: s, entry: entryOf(s.revision) })),
  ];
}
