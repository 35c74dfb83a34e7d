import type { TenantCurrentResult } from '../../commands/tenants/current-tenants';
import type { TenantRunResult } from '../../commands/tenants/migrate-tenants';
import { formatTenantRuns, formatTenantTable } from './tenants';
import { MemoryFileSystem } from '../../script/memory-file-system';
import { ScriptDirectory } from '../../script/script-directory';

describe('formatTenantRuns', () => {
  const results: TenantRunResult[] = [
    { tenant: 'acme', status: 'upgraded', from: [], to: ['ab12'], revisions: 3, error: null },
    { tenant: 'beta', status: 'current', from: ['ab12'], to: ['ab12'], revisions: 0, error: null },
    { tenant: 'delta', status: 'upgraded', from: ['aa00'], to: ['ab12', 'cd34'], revisions: 1, error: null },
    {
      tenant: 'gamma',
      status: 'failed',
      from: null,
      to: null,
      revisions: 0,
      error: 'revision ab12 (x.ts) failed in upgrade: table notes already exists',
    },
  ];

  it('prints one line per tenant in the given order, then a summary', () => {
    expect(formatTenantRuns(results, 'heads')).toEqual([
      'tenant acme: upgraded base -> ab12 (3 revisions)',
      'tenant beta: already at heads (ab12)',
      'tenant delta: upgraded aa00 -> ab12, cd34 (1 revision)',
      'tenant gamma: FAILED: revision ab12 (x.ts) failed in upgrade: table notes already exists',
      '4 tenants: 2 upgraded, 1 already current, 1 failed',
    ]);
  });
});

describe('formatTenantRuns of a downgrade', () => {
  it('says downgraded, and counts the tenants moved down', () => {
    expect(
      formatTenantRuns(
        [
          { tenant: 'acme', status: 'downgraded', from: ['ab12'], to: [], revisions: 1, error: null },
          { tenant: 'beta', status: 'current', from: [], to: [], revisions: 0, error: null },
        ],
        'base',
        'downgraded',
      ),
    ).toEqual([
      'tenant acme: downgraded ab12 -> base (1 revision)',
      'tenant beta: already at base (base)',
      '2 tenants: 1 downgraded, 1 already current, 0 failed',
    ]);
  });
});

describe('formatTenantTable', () => {
  it('lines the tenants up under a heading, a failed one with its reason', () => {
    const fs = new MemoryFileSystem({
      'm/versions/ab12.ts': "export const revision = 'ab12cd34ef56';\nexport const downRevision = null;\n",
    });
    const script = new ScriptDirectory({ directory: 'm', fs }).getRevision('ab12cd34ef56')!;
    const results: TenantCurrentResult[] = [
      { tenant: 'acme', status: 'ok', heads: ['ab12cd34ef56'], revisions: [script], error: null },
      { tenant: 'b', status: 'ok', heads: [], revisions: [], error: null },
      { tenant: 'gamma-eu', status: 'failed', heads: null, revisions: [], error: 'SQLite database file /x/g.db does not exist' },
    ];
    expect(formatTenantTable(results)).toEqual([
      'tenant    revision',
      'acme      ab12cd34ef56 (head)',
      'b         no revision',
      'gamma-eu  FAILED: SQLite database file /x/g.db does not exist',
    ]);
  });
});
