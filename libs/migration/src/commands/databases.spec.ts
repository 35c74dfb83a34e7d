import type { MigrationConfig } from '../config/migration-config';
import { CommandError } from '../errors';
import { NodeFileSystem } from '../script/node-file-system';
import { configList } from './databases';

const db = (databaseName: string | undefined, extra: Partial<MigrationConfig> = {}): MigrationConfig => ({
  directory: 'migrations',
  database: { url: 'sqlite::memory:' },
  ...(databaseName === undefined ? {} : { databaseName }),
  ...extra,
});

describe('configList', () => {
  it('takes one configuration, resolved, and several named ones in order', () => {
    expect(configList(db(undefined))).toEqual([
      { ...db(undefined), fs: expect.any(NodeFileSystem), xArguments: {}, lockTimeoutMs: 60_000 },
    ]);
    expect(configList([db('default'), db('analytics')]).map((c) => c.databaseName)).toEqual(['default', 'analytics']);
  });

  it.each([
    [[], 'No databases configured; list at least one in the databases option'],
    [[db(undefined)], 'Every configuration of several databases needs its databaseName'],
    [
      [db('my-db')],
      "Database name 'my-db' cannot name the functions upgrade_my-db/downgrade_my-db of a revision file; use letters, digits and _",
    ],
    [[db('a'), db('a')], "Database 'a' is listed twice; give each database one entry"],
    [
      [db('a'), db('b', { directory: 'other' })],
      "Database 'b' is configured with migrations directory other, but a with migrations; one history serves every database",
    ],
    [
      [db('a'), db('b', { versionLocations: ['v2'] })],
      "Database 'b' is configured with version locations v2, but a with default; one history serves every database",
    ],
  ])('refuses %j in one line', (configs, message) => {
    expect(() => configList(configs)).toThrow(CommandError);
    expect(() => configList(configs)).toThrow(message);
  });
});
