import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, dialectsUnderTest, TestDatabase } from '../../../../tools/db/test-database';
import { MAIN, packagesLoadedBy, runDemo } from './demo-cli';

// `history --graph` and `history --format mermaid|dot` of the built demo, on a copy of the demo's
// migrations: from the revision files alone, and with -i from a real database.
const MIGRATIONS = resolve(__dirname, '../../migrations');
// Nothing listens there: without -i these never connect.
const NOWHERE = 'postgres://nobody:secret@127.0.0.1:1/nowhere';

const PICTURE = [
  '* 9a0b1c2d3e4f (tags) (head), Merge tags and user names',
  '|\\',
  '* | 8c1d2e3f4a5b (tags), Create tags tables',
  '| * 5e6f7a8b9c0d, Add user names',
  '|/',
  '* 1975ea83b712, Create posts table',
  '* 3f2a9c01d4e5, Create users table',
  '',
].join('\n');

let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-history-graph-e2e-'));
  cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const demo = (...args: string[]) => runDemo(cwd, NOWHERE, ...args);

describe('history --graph and --format of the built demo', () => {
  it('--graph draws the branch and the merge as lanes', () => {
    expect(demo('history', '--graph')).toEqual({ code: 0, stderr: '', stdout: PICTURE });
  });

  it('--graph takes a -r range', () => {
    expect(demo('history', '--graph', '-r', '1975:9a0b')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '* 9a0b1c2d3e4f (tags) (head), Merge tags and user names',
        '|\\',
        '* | 8c1d2e3f4a5b (tags), Create tags tables',
        '| * 5e6f7a8b9c0d, Add user names',
        '|/',
        '* 1975ea83b712, Create posts table',
        '',
      ].join('\n'),
    });
  });

  it('--format mermaid prints a flowchart for a PR description', () => {
    expect(demo('history', '--format', 'mermaid')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'flowchart BT',
        '  r9a0b1c2d3e4f["9a0b1c2d3e4f (tags) (head)<br/>Merge tags and user names"]',
        '  r8c1d2e3f4a5b["8c1d2e3f4a5b (tags)<br/>Create tags tables"]',
        '  r5e6f7a8b9c0d["5e6f7a8b9c0d<br/>Add user names"]',
        '  r1975ea83b712["1975ea83b712<br/>Create posts table"]',
        '  r3f2a9c01d4e5["3f2a9c01d4e5<br/>Create users table"]',
        '  r8c1d2e3f4a5b --> r9a0b1c2d3e4f',
        '  r5e6f7a8b9c0d --> r9a0b1c2d3e4f',
        '  r1975ea83b712 --> r8c1d2e3f4a5b',
        '  r1975ea83b712 --> r5e6f7a8b9c0d',
        '  r3f2a9c01d4e5 --> r1975ea83b712',
        '  classDef head stroke-width:3px',
        '  class r9a0b1c2d3e4f head',
        '',
      ].join('\n'),
    });
  });

  it('--format dot prints a digraph, here of a range', () => {
    expect(demo('history', '--format', 'dot', '-r', ':1975')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'digraph history {',
        '  rankdir=BT;',
        '  node [shape=box];',
        '  "1975ea83b712" [label="1975ea83b712\\nCreate posts table"];',
        '  "3f2a9c01d4e5" [label="3f2a9c01d4e5\\nCreate users table"];',
        '  "3f2a9c01d4e5" -> "1975ea83b712";',
        '}',
        '',
      ].join('\n'),
    });
  });

  it('an unknown format, or two outputs at once, is one line and exit code 1', () => {
    expect(demo('history', '--format', 'svg')).toEqual({
      code: 1,
      stdout: '',
      stderr: "FAILED: history --format takes mermaid or dot, not 'svg'\n",
    });
    expect(demo('history', '--graph', '--json')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'FAILED: history takes one of --graph, --format and --json, not --graph and --json\n',
    });
  });

  it('on a terminal the head is highlighted; FORCE_COLOR does the same for a pipe, NO_COLOR wins over it', () => {
    const { NO_COLOR: _off, ...inherited } = process.env;
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [MAIN, 'history', '--graph', '-r', '1975:'], {
        cwd,
        encoding: 'utf8',
        env: { ...inherited, DATABASE_URL: NOWHERE, ...env },
      });
    const green = (text: string) => `\u001b[32m${text}\u001b[0m`;
    expect(run({ FORCE_COLOR: '1' }).stdout.split('\n')[0]).toBe(
      `${green('*')} ${green('9a0b1c2d3e4f')} (tags) (head), Merge tags and user names`,
    );
    expect(run({ FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.split('\n')[0]).toBe('* 9a0b1c2d3e4f (tags) (head), Merge tags and user names');
    expect(run({ FORCE_COLOR: '0' }).stdout.split('\n')[0]).toBe('* 9a0b1c2d3e4f (tags) (head), Merge tags and user names');
  });

  it('loads no TypeORM, driver or sucrase: it never imports a revision', () => {
    for (const command of [
      ['history', '--graph'],
      ['history', '--format', 'mermaid'],
    ]) {
      const { run, packages } = packagesLoadedBy(cwd, 'sqlite:demo.db', ...command);
      expect(run).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
      expect(packages.filter((name) => ['typeorm', '@nestjs/typeorm', 'better-sqlite3', 'pg', 'mysql2', 'sucrase'].includes(name))).toEqual(
        [],
      );
    }
  });
});

for (const dialect of dialectsUnderTest()) {
  describe(`history --graph -i on ${dialect}`, () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase(dialect, 'history graph current');
    });

    afterAll(async () => {
      await database?.drop();
    });

    it('marks the revisions the database holds', () => {
      const run = (...args: string[]) => runDemo(cwd, database.url, ...args);
      expect(run('stamp', '5e6f7a8b9c0d', '-q')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(run('history', '--graph', '-i')).toEqual({
        code: 0,
        stderr: '',
        stdout: PICTURE.replace('| * 5e6f7a8b9c0d,', '| * 5e6f7a8b9c0d (current),'),
      });
      expect(run('history', '--format', 'mermaid', '-i', '-r', '1975:5e6f')).toEqual({
        code: 0,
        stderr: '',
        stdout: [
          'flowchart BT',
          '  r5e6f7a8b9c0d["5e6f7a8b9c0d (current)<br/>Add user names"]',
          '  r1975ea83b712["1975ea83b712<br/>Create posts table"]',
          '  r1975ea83b712 --> r5e6f7a8b9c0d',
          '  classDef current fill:#fde68a',
          '  class r5e6f7a8b9c0d current',
          '',
        ].join('\n'),
      });
      expect(run('current')).toEqual({ code: 0, stderr: '', stdout: '5e6f7a8b9c0d\n' });
    });
  });
}
