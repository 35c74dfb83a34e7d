import type { AppliedLogEntry } from '../../runtime/applied-log';

/**
 * When a revision was applied, as `history -i` and `current -v` show it: `2026-12-07T18:40:12Z
 * in 0.12 s`, `2026-12-07T18:40:12Z (stamped)`, or `unknown` where the log has no row that put
 * it there (migrated before the log existed).
 */
export function describeApplied(entry: AppliedLogEntry | null): string {
  if (!entry || entry.direction === 'downgrade') return 'unknown';
  if (entry.direction === 'stamp') return `${entry.appliedAt} (stamped)`;
  return `${entry.appliedAt}${entry.durationMs === null ? '' : ` in ${formatSeconds(entry.durationMs)}`}`;
}

/** `0.12 s`: a step's time, as the progress line and the log show it. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
