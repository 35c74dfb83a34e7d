import type { VerifiedRevision, VerifyResult, VerifyStatus } from '../../commands/verify';

/**
 * `verify`'s report: one line per applied revision when verbose, then the summary
 * (`Verified 5 applied revisions: 3 unchanged since they ran, 2 unknown (no log row); 1 head`).
 * With several databases each database's lines start with its name.
 */
export function formatVerify(result: VerifyResult, verbose = false): string[] {
  const dbs = result.databases ?? [{ ...result, name: undefined }];
  return dbs.flatMap((db) => {
    const prefix = db.name === undefined ? '' : `${db.name}: `;
    const lines = verbose ? db.revisions.map((r) => `${prefix}${r.revision} ${describeStatus(r)}`) : [];
    return [...lines, `${prefix}${summary(db)}`];
  });
}

function describeStatus(r: VerifiedRevision): string {
  switch (r.status) {
    case 'ok':
      return `unchanged since it ran on ${r.appliedAt} (${r.path})`;
    case 'changed':
      return `CHANGED since it ran on ${r.appliedAt} (${r.path})`;
    case 'missing':
      return 'MISSING: no revision file has it';
    case 'unknown':
      return r.direction === 'stamp' ? `unknown: stamped on ${r.appliedAt}, not run (${r.path})` : `unknown: no log row (${r.path})`;
  }
}

function summary(result: Omit<VerifyResult, 'databases'>): string {
  const count = (status: VerifyStatus) => result.revisions.filter((r) => r.status === status).length;
  const parts = [
    `${count('ok')} unchanged since they ran`,
    ...(count('changed') > 0 ? [`${count('changed')} changed`] : []),
    ...(count('missing') > 0 ? [`${count('missing')} missing`] : []),
    ...(count('unknown') > 0 ? [`${count('unknown')} unknown (no log row, or stamped)`] : []),
  ];
  const n = result.revisions.length;
  const heads = result.heads.length === 1 ? '1 head' : `${result.heads.length} heads`;
  return `Verified ${n === 1 ? '1 applied revision' : `${n} applied revisions`}: ${parts.join(', ')}; ${heads}`;
}
