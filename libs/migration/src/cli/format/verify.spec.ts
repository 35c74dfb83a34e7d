import type { VerifiedRevision, VerifyResult } from '../../commands/verify';
import { formatVerify } from './verify';

const revision = (
  id: string,
  status: VerifiedRevision['status'],
  direction: VerifiedRevision['direction'] = 'upgrade',
): VerifiedRevision => ({
  revision: id,
  status,
  path: status === 'missing' ? null : `migrations/versions/${id}.ts`,
  direction: status === 'missing' ? null : direction,
  appliedAt: status === 'missing' ? null : '2026-12-07T18:00:00Z',
  recordedChecksum: null,
  fileChecksum: null,
});

const result = (revisions: VerifiedRevision[], heads = ['dddd']): VerifyResult => ({
  database: 'sqlite at app.db',
  revisions,
  heads,
  problems: [],
});

describe("verify's report", () => {
  it('is one summary line, counting only the statuses present', () => {
    expect(formatVerify(result([revision('bbbb', 'ok'), revision('aaaa', 'ok')]))).toEqual([
      'Verified 2 applied revisions: 2 unchanged since they ran; 1 head',
    ]);
    expect(formatVerify(result([revision('cccc', 'unknown', 'stamp')], ['cccc', 'dddd']))).toEqual([
      'Verified 1 applied revision: 0 unchanged since they ran, 1 unknown (no log row, or stamped); 2 heads',
    ]);
  });

  it('lists every revision first when verbose', () => {
    const revisions = [
      revision('ffff', 'missing'),
      revision('dddd', 'changed'),
      revision('cccc', 'unknown', 'stamp'),
      revision('bbbb', 'unknown', null),
      revision('aaaa', 'ok'),
    ];
    expect(formatVerify(result(revisions), true)).toEqual([
      'ffff MISSING: no revision file has it',
      'dddd CHANGED since it ran on 2026-12-07T18:00:00Z (migrations/versions/dddd.ts)',
      'cccc unknown: stamped on 2026-12-07T18:00:00Z, not run (migrations/versions/cccc.ts)',
      'bbbb unknown: no log row (migrations/versions/bbbb.ts)',
      'aaaa unchanged since it ran on 2026-12-07T18:00:00Z (migrations/versions/aaaa.ts)',
      'Verified 5 applied revisions: 1 unchanged since they ran, 1 changed, 1 missing, 2 unknown (no log row, or stamped); 1 head',
    ]);
  });

  it('names each database when there are several', () => {
    const one = result([revision('aaaa', 'ok')], ['aaaa']);
    const both: VerifyResult = {
      ...one,
      databases: [
        { ...one, name: 'default' },
        { ...one, revisions: [], name: 'analytics' },
      ],
    };
    expect(formatVerify(both)).toEqual([
      'default: Verified 1 applied revision: 1 unchanged since they ran; 1 head',
      'analytics: Verified 0 applied revisions: 0 unchanged since they ran; 1 head',
    ]);
  });
});
