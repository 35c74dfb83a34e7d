import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { revisionFile } from '../../../../libs/migration/test/support/revision-file';
import { MAIN, NODE_MODULES, packagesLoadedBy, runDemo, timesMasked } from './demo-cli';

// The graph commands, --version and the --sql runs are answered before Nest loads
// (answerFromFiles). Their output, errors and exit codes must be the full CLI's byte for byte
// (step times masked): each case runs both ways, the second with NEST_MIGRATE_FAST_PATH=0,
// which leaves every command to the full CLI.
const MIGRATIONS = resolve(__dirname, '../../migrations');
const NOWHERE = 'postgres://nobody:secret@127.0.0.1:1/nowhere';

let cwd: string;

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing; run \`npm run build\` first`);
  cwd = mkdtempSync(join(tmpdir(), 'nest-migrate-fast-path-e2e-'));
  cpSync(MIGRATIONS, join(cwd, 'migrations'), { recursive: true });
  symlinkSync(NODE_MODULES, join(cwd, 'node_modules'));
});

afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** A copy of the demo's migrations with one more revision file: its directory. */
function withRevision(name: string, file: string, text: string): string {
  const directory = join(cwd, name);
  cpSync(MIGRATIONS, directory, { recursive: true });
  writeFileSync(join(directory, 'versions', file), text);
  return directory;
}

function both(args: string[], url = NOWHERE) {
  const fast = timesMasked(runDemo(cwd, url, ...args));
  process.env.NEST_MIGRATE_FAST_PATH = '0';
  try {
    return { fast, full: timesMasked(runDemo(cwd, url, ...args)) };
  } finally {
    delete process.env.NEST_MIGRATE_FAST_PATH;
  }
}

describe('graph commands answered before Nest loads', () => {
  it.each([
    [['heads']],
    [['heads', '-v']],
    [['heads', '--json']],
    [['heads', '--resolve-dependencies']],
    [['history']],
    [['history', '--verbose']],
    [['history', '--json']],
    [['history', '-r', '1975ea83b712:heads']],
    [['history', '--rev-range', 'base:3f2a']],
    [['branches']],
    [['branches', '-v']],
    [['branches', '--json']],
    [['show']],
    [['show', 'tags@head']],
    [['show', '1975', '--json']],
    [['heads', '-d', 'migrations', '-q']],
    [['--version']],
  ])('%j prints what the full CLI prints', (args) => {
    const { fast, full } = both(args);
    expect(fast.code).toBe(0);
    expect(fast.stdout).not.toBe('');
    expect(fast).toEqual(full);
  });

  it.each([
    [
      ['heads', '-d', 'nowhere'],
      "FAILED: Path doesn't exist: 'nowhere'; run the 'init' command to create a migrations directory, or pass --directory\n",
    ],
    [['show', 'ffff'], "FAILED: Can't locate revision identified by 'ffff'\n"],
    [['history', '-r', 'nope:heads'], "FAILED: Can't locate revision identified by 'nope'\n"],
  ])("%j fails with the full CLI's line and exit code, and writes nothing", (args, stderr) => {
    const before = readdirSync(join(cwd, 'migrations', 'versions')).sort();
    const { fast, full } = both(args);
    expect(fast).toEqual({ code: 1, stdout: '', stderr });
    expect(full).toEqual(fast);
    expect(readdirSync(join(cwd, 'migrations', 'versions')).sort()).toEqual(before);
  });

  it.each([[['history', 'extra']], [['heads', '--help']], [['heads', '-vq']], [['history', '-x', 'a']]])(
    '%j, left to the full CLI, answers as it always did',
    (args) => {
      const { fast, full } = both(args);
      expect(fast).toEqual(full);
    },
  );
});

describe('--sql runs answered before Nest loads', () => {
  const urls = [NOWHERE, 'mysql://nobody:secret@127.0.0.1:1/nowhere', 'sqlite:never-opened.db'];

  it.each(
    urls.flatMap((url) => [
      [url, ['upgrade', '--sql']],
      [url, ['upgrade', '1975:heads', '--sql', '--tag', 'release-7']],
      [url, ['upgrade', '--sql', '-q']],
      [url, ['downgrade', 'heads:base', '--sql']],
      [url, ['stamp', 'heads', '--sql']],
      [url, ['stamp', 'tags@head', '5e6f', '--sql']],
    ]),
  )('%s %j prints what the full CLI prints', (url, args) => {
    const { fast, full } = both(args, url);
    expect(fast.code).toBe(0);
    expect(fast.stdout).toContain('COMMIT;');
    expect(fast).toEqual(full);
  });

  it.each([
    [['upgrade', 'nope', '--sql'], "FAILED: Can't locate revision identified by 'nope'\n"],
    [['stamp', 'heads', '--sql', '--purge'], "FAILED: Can't use --purge with --sql mode\n"],
    [['downgrade', '-d', 'nowhere', 'heads:base', '--sql'], expect.stringMatching(/^FAILED: Path doesn't exist: 'nowhere'/)],
  ])("%j fails with the full CLI's line and exit code", (args, stderr) => {
    const { fast, full } = both(args);
    expect(fast).toEqual({ code: 1, stdout: '', stderr });
    expect(full).toEqual(fast);
  });

  it("ends a run whose revision leaves a promise rejected with the full CLI's line, after the lines it printed", () => {
    const directory = withRevision(
      'with-stray-promise',
      'fp02_stray.ts',
      revisionFile('fp02', '9a0b1c2d3e4f', ["void Promise.reject(new Error('stray failure'));", "await op.execute('SELECT 1');"], {
        message: 'Leaves a promise rejected',
      }),
    );
    const { fast, full } = both(['upgrade', '--sql', '-d', directory]);
    expect(fast.code).toBe(1);
    expect(fast.stderr).toMatch(
      /Running upgrade 9a0b1c2d3e4f -> fp02, Leaves a promise rejected\nFAILED: a promise nothing awaited was rejected: unexpected error: stray failure; /,
    );
    expect(fast).toEqual(full);
  });

  it('leaves a run to the full CLI when a revision asked for the app, even one that caught the refusal', () => {
    const directory = withRevision(
      'with-caught-get',
      'fp03_caught_get.ts',
      revisionFile(
        'fp03',
        '9a0b1c2d3e4f',
        [
          "let name = 'without-the-app';",
          'try {',
          "  name = op.get<{ normalize(name: string): string }>('TagNames').normalize(' With The App ');",
          '} catch {',
          '  // no app: keep the default',
          '}',
          "await op.execute(`INSERT INTO tags (name) VALUES ('${name}')`);",
        ],
        { message: 'Falls back when the app is missing' },
      ),
    );
    const { fast, full } = both(['upgrade', '--sql', '-d', directory]);
    expect(fast.stdout).toContain("INSERT INTO tags (name) VALUES ('with-the-app')");
    expect(fast).toEqual(full);
  });

  it('leaves a run whose revision asks for the app (inject) to the full CLI, having printed nothing itself', () => {
    // Its own text: the shared helper writes no inject, and no second parameter to upgrade.
    const directory = withRevision(
      'with-inject',
      'fp01_tag_names.ts',
      `/**
 * Uses the app's TagNames
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = 'fp01';
export const downRevision: string | string[] | null = '9a0b1c2d3e4f';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export const inject = ['TagNames'];

export async function upgrade(op: MigrationOps, tags: { normalize(name: string): string }): Promise<void> {
  await op.execute(\`INSERT INTO tags (name) VALUES ('\${tags.normalize(' Fast Path ')}')\`);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute("DELETE FROM tags WHERE name = 'fast-path'");
}
`,
    );
    const { fast, full } = both(['upgrade', '--sql', '-d', directory]);
    expect(fast.code).toBe(0);
    expect(fast.stdout).toContain("INSERT INTO tags (name) VALUES ('fast-path')");
    expect(fast).toEqual(full);
    // Declined: the full CLI built the app, which has TagNames.
    expect(packagesLoadedBy(cwd, NOWHERE, 'upgrade', '--sql', '-d', directory).packages).toContain('@nestjs/core');
  });
});

describe('help answered before Nest loads', () => {
  const VERBS = ['init', 'list-templates', 'revision', 'migrate', 'check', 'verify', 'merge', 'edit', 'upgrade', 'downgrade'];
  const MORE = ['stamp', 'import-typeorm', 'squash', 'current', 'history', 'heads', 'branches', 'show'];

  it.each([
    [['--help']],
    [['-h']],
    [['help']],
    ...[...VERBS, ...MORE].map((verb) => [[verb, '--help']]),
    [['upgrade', '-h']],
    [['help', 'history']],
  ])('%j prints what the full CLI prints', (args) => {
    const { fast, full } = both(args);
    expect(fast.code).toBe(0);
    expect(fast.stdout).toMatch(/^Usage: node .*main\.js /);
    expect(fast).toEqual(full);
  });

  it.each([[['help', 'nope']], [['nope', '--help']], [['upgrade', '--help', 'extra']], [['-h', 'upgrade']]])(
    '%j, left to the full CLI, answers as it always did',
    (args) => {
      const { fast, full } = both(args);
      expect(fast).toEqual(full);
    },
  );

  it('loads no Nest, TypeORM or driver for help', () => {
    for (const args of [['--help'], ['upgrade', '--help']]) {
      const { run, packages } = packagesLoadedBy(cwd, NOWHERE, ...args);
      expect(run.code).toBe(0);
      expect(packages.filter((name) => ['@nestjs/core', '@nestjs/common', 'nest-commander', 'typeorm', 'pg'].includes(name))).toEqual([]);
    }
  });
});
