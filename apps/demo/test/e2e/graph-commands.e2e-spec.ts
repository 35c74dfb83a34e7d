import { cpSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAIN, NODE_MODULES, packagesLoadedBy, runDemo } from './demo-cli';

// The graph commands of the built demo, run as a user would: in a fresh directory holding a
// copy of the demo's migrations, with a DATABASE_URL nothing listens on. They must answer
// from the revision files alone.
const MIGRATIONS = resolve(__dirname, '../../migrations');

let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-graph-e2e-'));
  cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
  // upgrade --sql loads the revisions, which import @nest-migrate/migration.
  symlinkSync(NODE_MODULES, join(cwd, 'node_modules'));
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

// Nothing listens there: the graph commands and --sql never connect.
const NOWHERE = 'postgres://nobody:secret@127.0.0.1:1/nowhere';

function demo(...args: string[]) {
  return runDemo(cwd, NOWHERE, ...args);
}

describe('graph commands of the built demo', () => {
  it('history lists the branch and the merge, newest first', () => {
    expect(demo('history')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        '8c1d2e3f4a5b, 5e6f7a8b9c0d -> 9a0b1c2d3e4f (tags) (head) (mergepoint), Merge tags and user names',
        '1975ea83b712 -> 8c1d2e3f4a5b (tags), Create tags tables',
        '1975ea83b712 -> 5e6f7a8b9c0d, Add user names',
        '3f2a9c01d4e5 -> 1975ea83b712 (branchpoint), Create posts table',
        '<base> -> 3f2a9c01d4e5, Create users table',
        '',
      ].join('\n'),
    });
  });

  it('history takes a range with a partial id', () => {
    expect(demo('history', '-r', '1975:5e6f').stdout).toBe(
      ['1975ea83b712 -> 5e6f7a8b9c0d, Add user names', '3f2a9c01d4e5 -> 1975ea83b712 (branchpoint), Create posts table', ''].join('\n'),
    );
  });

  it('heads and branches', () => {
    expect(demo('heads')).toEqual({ code: 0, stderr: '', stdout: '9a0b1c2d3e4f (tags) (head)\n' });
    expect(demo('branches').stdout).toBe(
      ['1975ea83b712 (branchpoint)', '             -> 5e6f7a8b9c0d', '             -> 8c1d2e3f4a5b (tags)', '', ''].join('\n'),
    );
  });

  it('show prints the revision block for a label', () => {
    expect(demo('show', 'tags@head').stdout).toBe(
      [
        'Rev: 9a0b1c2d3e4f (head) (mergepoint)',
        'Merges: 8c1d2e3f4a5b, 5e6f7a8b9c0d',
        'Branch names: tags',
        'Path: migrations/versions/9a0b1c2d3e4f_merge_tags_and_user_names.ts',
        '',
        '    Merge tags and user names',
        '    ',
        '    Revision ID: 9a0b1c2d3e4f',
        '    Revises: 8c1d2e3f4a5b, 5e6f7a8b9c0d',
        '    Create Date: 2026-11-25 10:20:00.000000',
        '',
        '',
      ].join('\n'),
    );
  });

  it('heads --json is machine-readable', () => {
    const result = demo('heads', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        revision: '9a0b1c2d3e4f',
        downRevision: ['8c1d2e3f4a5b', '5e6f7a8b9c0d'],
        branchLabels: ['tags'],
        dependsOn: null,
        isHead: true,
        isBranchPoint: false,
        isMergePoint: true,
        message: 'Merge tags and user names',
        path: 'migrations/versions/9a0b1c2d3e4f_merge_tags_and_user_names.ts',
      },
    ]);
  });

  it('merge of the one head writes an ordinary child of it, as Alembic does', () => {
    const copy = mkdtempSync(join(tmpdir(), 'nest-migrate-merge-e2e-'));
    try {
      cpSync(MIGRATIONS, join(copy, 'migrations'), { recursive: true });
      expect(runDemo(copy, NOWHERE, 'merge', '-m', 'after the merge', '--rev-id', 'afafafafafaf')).toEqual({
        code: 0,
        stderr: '',
        stdout: 'Generating migrations/versions/afafafafafaf_after_the_merge.ts ...  done\n',
      });
      expect(readFileSync(join(copy, 'migrations/versions/afafafafafaf_after_the_merge.ts'), 'utf8')).toContain(
        "export const downRevision: string | string[] | null = '9a0b1c2d3e4f';\n",
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a relative step past the base, or a --sql range that starts nowhere, is one line and prints nothing', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'nest-migrate-past-base-e2e-'));
    const run = (...args: string[]) => runDemo(fresh, NOWHERE, ...args);
    try {
      expect(run('init').code).toBe(0);
      expect(run('downgrade', '--sql', 'head:base')).toEqual({
        code: 1,
        stdout: '',
        stderr: "FAILED: Starting revision 'head' names no revision; write 'base' to start from an empty database\n",
      });
      expect(run('revision', '-m', 'first', '--rev-id', 'a0a0a0a0a0a0').code).toBe(0);
      expect(run('show', '-1')).toEqual({
        code: 1,
        stdout: '',
        stderr: "FAILED: Revision '-1' steps down past the first revision; there is no revision there to show\n",
      });
      expect(run('upgrade', '--sql', ':head')).toEqual({
        code: 1,
        stdout: '',
        stderr: "FAILED: Revision range ':head' has no starting revision; write one before the ':' (base for an empty database)\n",
      });
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('--help and help list every command and exit 0', () => {
    for (const args of [['--help'], ['help']]) {
      const result = demo(...args);
      expect(result.code).toBe(0);
      for (const verb of ['upgrade', 'downgrade', 'stamp', 'current', 'history', 'heads', 'branches', 'show']) {
        expect(result.stdout).toMatch(new RegExp(`^  ${verb} `, 'm'));
      }
    }
    // The usage names the command as it was started: `node <main.js>`.
    expect(demo('upgrade', '--help').stdout).toContain(`Usage: node ${MAIN} upgrade [options] [revision]`);
  });

  it('--version prints the library and its version', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../../libs/migration/package.json'), 'utf8'));
    expect(demo('--version')).toEqual({ code: 0, stdout: `@nest-migrate/migration ${version}\n`, stderr: '' });
  });

  it('migrate --help offers only what migrate does', () => {
    const help = demo('migrate', '--help').stdout;
    expect(help).not.toContain('--autogenerate');
    expect(help).toMatch(/--sql +not available: autogenerate must read the live\s+database/);
  });

  it('bad usage exits 2 with the command usage line', () => {
    expect(demo('upgrade', '--bogus')).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: unknown option '--bogus'\nusage: node ${MAIN} upgrade [options] [revision]\n`,
    });
    expect(demo('bogus')).toEqual({ code: 2, stdout: '', stderr: "error: unknown command 'bogus'\n" });
  });

  it('bad input is one line on stderr, a non-zero exit, and no file changed', () => {
    const before = readdirSync(join(cwd, 'migrations', 'versions')).sort();
    expect(demo('show', 'nope')).toEqual({ code: 1, stdout: '', stderr: "FAILED: Can't locate revision identified by 'nope'\n" });
    expect(demo('history', '-r', 'bad')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'FAILED: History range requires [start]:[end], [start]:, or :[end]\n',
    });
    expect(demo('history', '--directory', 'missing')).toEqual({
      code: 1,
      stdout: '',
      stderr: "FAILED: Path doesn't exist: 'missing'; run the 'init' command to create a migrations directory, or pass --directory\n",
    });
    expect(demo('bogus').code).toBe(2);
    // The URL is read while Nest builds the app, before any command runs.
    expect(runDemo(cwd, 'oracle://scott:tiger@db/orcl', 'current')).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'FAILED: database URL oracle://scott:***@db/orcl has unsupported scheme oracle:; use sqlite:<path>, sqlite::memory:, ' +
        'postgres://user:password@host:port/database[?schema=name] (or postgresql://), mysql://user:password@host:port/database (or mariadb://)\n',
    });
    expect(demo('migrate', '--sql', '-m', 'x')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'FAILED: Using --sql with --autogenerate does not make any sense\n',
    });
    expect(readdirSync(join(cwd, 'migrations', 'versions')).sort()).toEqual(before);
  });
});

describe('a file-system refusal', () => {
  it('is one line naming the file, not an unexpected error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nest-migrate-fs-e2e-'));
    try {
      expect(runDemo(dir, 'sqlite:x.db', 'init', '-q').code).toBe(0);
      // versions/ as a link to nowhere: writing the revision fails in the file system.
      rmdirSync(join(dir, 'migrations', 'versions'));
      symlinkSync(join(dir, 'nowhere', 'versions'), join(dir, 'migrations', 'versions'));
      expect(runDemo(dir, 'sqlite:x.db', 'revision', '-m', 'x')).toEqual({
        code: 1,
        stdout: '',
        stderr: "FAILED: ENOENT: no such file or directory, mkdir 'migrations/versions'\n",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what the graph commands of the built demo load', () => {
  // The demo answers these from the files before it loads Nest (answerFromFiles); given a
  // command the fast path leaves to the full CLI, its module has no TypeORM (commandNeedsDatabase).
  const HEAVY = ['typeorm', '@nestjs/typeorm', 'better-sqlite3', 'pg', 'mysql2', 'sucrase'];
  const NEST = ['@nestjs/common', '@nestjs/core', 'nest-commander'];

  for (const url of ['sqlite:demo.db', 'postgres://nobody:secret@127.0.0.1:1/nowhere', 'mysql://nobody:secret@127.0.0.1:1/nowhere']) {
    it(`history, heads, branches and show with ${url.split(':')[0]} load no Nest, TypeORM, driver or sucrase`, () => {
      for (const command of [['history'], ['heads'], ['branches'], ['show', 'head']]) {
        const { run, packages } = packagesLoadedBy(cwd, url, ...command);
        expect(run).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
        expect(packages.filter((name) => [...HEAVY, ...NEST].includes(name))).toEqual([]);
      }
    });

    it(`history -x with ${url.split(':')[0]}, left to the full CLI, loads Nest but no TypeORM, driver or sucrase`, () => {
      const { run, packages } = packagesLoadedBy(cwd, url, 'history', '-x', 'a=b');
      expect(run).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
      expect(packages).toContain('@nestjs/core');
      expect(packages.filter((name) => HEAVY.includes(name))).toEqual([]);
    });
  }

  for (const url of ['sqlite:demo.db', 'postgres://nobody:secret@127.0.0.1:1/nowhere']) {
    it(`stamp and upgrade --sql with ${url.split(':')[0]} load no Nest, TypeORM or driver: the dialect comes from the URL`, () => {
      // The first upgrade may compile the revisions (sucrase); the second runs from the compile cache.
      for (const command of [
        ['stamp', 'heads', '--sql'],
        ['upgrade', '--sql'],
      ]) {
        const { run, packages } = packagesLoadedBy(cwd, url, ...command);
        expect(run.code).toBe(0);
        expect(packages.filter((name) => [...HEAVY, ...NEST].includes(name) && name !== 'sucrase')).toEqual([]);
      }
      expect(packagesLoadedBy(cwd, url, 'upgrade', '--sql').packages).not.toContain('sucrase');
    });
  }
});
