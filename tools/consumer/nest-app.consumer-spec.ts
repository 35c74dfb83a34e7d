// A Nest 11 app outside this workspace, as `nest new` makes it, installs the packed libraries
// with their declared dependencies only and follows the README: setup, then the migration
// commands through its own built main.js, on each database, at both ends of every supported
// version range. Any missing module, stack trace or non-zero exit fails it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, Dialect, dialectsUnderTest, TestDatabase } from '../db/test-database';
import { addDependencies, copyFixture, expectClean, FIXTURES, npmInstall, pack, Packed, run, Run, supportedVersions } from './consumer';

// npm installs build better-sqlite3 from source (about 100 s on two cores) and fetch a Nest CLI.
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const STEP_TIMEOUT_MS = 5 * 60_000;
jest.setTimeout(STEP_TIMEOUT_MS);

const DEV_ONLY = ['typescript', '@nestjs/cli'];

let packs: string;
let migration: Packed;
let schematics: Packed;
let app: string;

beforeAll(() => {
  packs = mkdtempSync(join(tmpdir(), 'nest-migrate-packs-'));
  migration = pack('migration', packs);
  schematics = pack('schematics', packs);
  app = copyFixture('nest-app');
  const versions = supportedVersions('newest');
  addDependencies(app, 'dependencies', {
    '@nest-migrate/migration': `file:${migration.tarball}`,
    ...Object.fromEntries(Object.entries(versions).filter(([name]) => !DEV_ONLY.includes(name))),
  });
  addDependencies(app, 'devDependencies', {
    '@nest-migrate/schematics': `file:${schematics.tarball}`,
    ...Object.fromEntries(Object.entries(versions).filter(([name]) => DEV_ONLY.includes(name))),
  });
  npmInstall(app);
}, INSTALL_TIMEOUT_MS);

afterAll(() => {
  for (const dir of [app, packs]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

/** `node dist/main.js <args>`: the app's built main.js as the migration CLI. */
function cli(env: Record<string, string | undefined>, ...args: string[]): Run {
  return run(app, process.execPath, ['dist/main.js', ...args], env);
}

function nest(...args: string[]): Run {
  return run(app, 'npx', ['nest', ...args]);
}

function build(): void {
  expectClean(nest('build'), 'nest build');
}

/** A run's stderr with each step's time (` (0.12 s)` at the end of its line) left out, so the step lines compare exactly. */
function untimed(run: Run): string {
  return run.stderr.replace(/ \(\d+\.\d\d s\)$/gm, '');
}

/** The revision ids in migrations/versions, oldest first by the order they were made in. */
function revisionFiles(directory = 'migrations'): string[] {
  return readdirSync(join(app, directory, 'versions')).filter((name) => name.endsWith('.ts'));
}

describe('the packages as npm packs them', () => {
  it.each([
    ['@nest-migrate/migration', () => migration],
    ['@nest-migrate/schematics', () => schematics],
  ])('%s holds only dist (JavaScript, declarations, schematic JSON), README.md, LICENSE and package.json', (_, packed) => {
    const { files } = packed();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']));
    const stray = files.filter(
      (file) => !['LICENSE', 'README.md', 'package.json'].includes(file) && !/^dist\/.+(\.js|\.d\.ts|\.json)$/.test(file),
    );
    expect(stray).toEqual([]);
    expect(files.filter((file) => /\.spec\.|tsbuildinfo|\.map$/.test(file))).toEqual([]);
  });
});

describe('setup', () => {
  it('wires the app through `nest g -c @nest-migrate/schematics setup`, and a second run changes nothing', () => {
    const first = nest('g', '-c', '@nest-migrate/schematics', 'setup');
    expectClean(first, 'nest g setup');
    // The Nest CLI exits 0 even when a schematic fails; its error is red text on stderr.
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.stdout).toContain('UPDATE src/app.module.ts');
    const files = ['src/app.module.ts', 'src/main.ts', 'tsconfig.build.json', 'package.json'];
    const after = files.map((file) => readFileSync(join(app, file), 'utf8'));
    expect(after[0]).toContain("MigrationModule.forRoot({ directory: 'migrations' })");
    expect(after[1]).toContain('await runMigrationCli(AppModule);');
    const second = nest('g', '-c', '@nest-migrate/schematics', 'setup');
    expectClean(second, 'nest g setup, again');
    expect(files.map((file) => readFileSync(join(app, file), 'utf8'))).toEqual(after);
  });
});

for (const end of ['newest', 'lowest'] as const) {
  describe(`with the ${end} supported versions`, () => {
    beforeAll(() => {
      if (end === 'lowest')
        npmInstall(app, ['--save-exact', ...Object.entries(supportedVersions('lowest')).map(([name, version]) => `${name}@${version}`)]);
    }, INSTALL_TIMEOUT_MS);

    it('installs the versions the range ends at', () => {
      const { version } = JSON.parse(readFileSync(join(app, 'node_modules/typeorm/package.json'), 'utf8'));
      expect(version).toEqual(end === 'lowest' ? supportedVersions('lowest').typeorm : expect.stringMatching(/^1\./));
    });

    for (const dialect of dialectsUnderTest()) {
      describe(dialect, () => {
        let database: TestDatabase | undefined;
        let env: Record<string, string | undefined>;

        beforeAll(async () => {
          resetApp();
          // The app's SQLite default is app.db in its folder; servers are named by DATABASE_URL.
          database = dialect === 'sqlite' ? undefined : await createTestDatabase(dialect, `consumer ${end}`);
          env = { DATABASE_URL: database?.url };
          build();
        });
        afterAll(async () => {
          await database?.drop();
        });

        workflow(dialect, () => env);
      });
    }

    it('nest g -c @nest-migrate/schematics revision, init and merge write what the CLI would', () => {
      resetApp();
      build();
      expectClean(cli({}, 'init'), 'init');
      const generated = nest('g', '-c', '@nest-migrate/schematics', 'revision', 'add users');
      expectClean(generated, 'nest g revision');
      const [first] = revisionFiles();
      expect(readFileSync(join(app, 'migrations/versions', first), 'utf8')).toMatch(/^\/\*\*\n \* add users\n/);
      const firstId = first.slice(0, 12);
      // A second branch from the same parent, through the app's own CLI, so merge has two heads.
      expectClean(cli({}, 'revision', '-m', 'side', '--head', firstId, '--splice'), 'revision --splice');
      expectClean(cli({}, 'revision', '-m', 'other side', '--head', firstId, '--splice'), 'revision --splice');
      expect(cli({}, 'heads').stdout.trim().split('\n')).toHaveLength(2);
      expectClean(nest('g', '-c', '@nest-migrate/schematics', 'merge', 'join sides'), 'nest g merge');
      const heads = cli({}, 'heads');
      expectClean(heads, 'heads');
      expect(heads.stdout).toMatch(/^[0-9a-f]{12} \(head\)\n$/);
      const merge = revisionFiles().find((file) => file.endsWith('_join_sides.ts'));
      expect(merge).toBeDefined();
      expectClean(nest('g', '-c', '@nest-migrate/schematics', 'init', 'other-migrations'), 'nest g init');
      // A devkit Tree holds files only: versions/ appears with the first revision.
      expect(readdirSync(join(app, 'other-migrations')).sort()).toEqual(['README', 'script.ts.tmpl']);
    });
  });
}

/** init → migrate → upgrade → check → change an entity → migrate → upgrade → downgrade -1 → history. */
function workflow(dialect: Dialect, env: () => Record<string, string | undefined>): void {
  let initial: string;
  let second: string;

  it('init creates the migrations directory', () => {
    const result = cli(env(), 'init');
    expectClean(result, 'init');
    expect(readdirSync(join(app, 'migrations')).sort()).toEqual(['README', 'script.ts.tmpl', 'versions']);
  });

  it('migrate -m init writes a revision from the two entities', () => {
    const result = cli(env(), 'migrate', '-m', 'init');
    expectClean(result, 'migrate -m init');
    [initial] = revisionFiles().map((file) => file.slice(0, 12));
    expect(result.stdout).toBe(`Generating migrations/versions/${initial}_init.ts ...  done\n`);
    const text = readFileSync(join(app, `migrations/versions/${initial}_init.ts`), 'utf8');
    expect(text).toContain("await op.createTable('users', [");
    expect(text).toContain("await op.createTable('posts', [");
  });

  it('upgrade applies it, and check finds nothing left to do', () => {
    const upgrade = cli(env(), 'upgrade');
    expectClean(upgrade, 'upgrade');
    expect(untimed(upgrade)).toBe(`Running upgrade  -> ${initial}, init\n`);
    const check = cli(env(), 'check');
    expectClean(check, 'check');
    expect(check).toMatchObject({ stdout: '', stderr: 'No new upgrade operations detected.\n' });
  });

  it('a changed entity is a new revision that upgrade applies and downgrade -1 reverts', () => {
    const entity = join(app, 'src/users/user.entity.ts');
    // A union type has no runtime type for TypeORM to read, so the column names its type.
    writeFileSync(
      entity,
      readFileSync(entity, 'utf8').replace(
        '  @OneToMany(',
        "  @Column({ type: 'varchar', length: 60, nullable: true })\n  nickname: string | null;\n\n  @OneToMany(",
      ),
    );
    build();
    const check = cli(env(), 'check');
    expect(check.code).toBe(1);
    const generate = cli(env(), 'migrate', '-m', 'add nickname');
    expectClean(generate, 'migrate -m add nickname');
    second = revisionFiles()
      .map((file) => file.slice(0, 12))
      .find((id) => id !== initial)!;
    expect(readFileSync(join(app, `migrations/versions/${second}_add_nickname.ts`), 'utf8')).toContain('nickname');
    const upgrade = cli(env(), 'upgrade');
    expectClean(upgrade, 'upgrade');
    expect(untimed(upgrade)).toBe(`Running upgrade ${initial} -> ${second}, add nickname\n`);
    expectClean(cli(env(), 'check'), 'check after the change');
    const downgrade = cli(env(), 'downgrade', '-1');
    expectClean(downgrade, 'downgrade -1');
    expect(untimed(downgrade)).toBe(`Running downgrade ${second} -> ${initial}, add nickname\n`);
  });

  it('history shows both; `npm run migrate:upgrade` (nest start -- upgrade) brings it back to head', () => {
    const history = cli(env(), 'history');
    expectClean(history, 'history');
    expect(history.stdout).toBe(`${initial} -> ${second} (head), add nickname\n<base> -> ${initial}, init\n`);
    const upgrade = run(app, 'npm', ['run', '--silent', 'migrate:upgrade'], env());
    expectClean(upgrade, 'npm run migrate:upgrade');
    expect(untimed(upgrade)).toContain(`Running upgrade ${initial} -> ${second}, add nickname\n`);
    expect(cli(env(), 'current').stdout).toBe(`${second} (head)\n`);
  });

  if (dialect === 'sqlite') {
    it('the database is the app.db the app itself opens', () => {
      expect(existsSync(join(app, 'app.db'))).toBe(true);
    });
  }
}

/** Back to the fixture's entities, with no migrations directory and no SQLite file. */
function resetApp(): void {
  for (const path of ['migrations', 'other-migrations', 'app.db']) rmSync(join(app, path), { recursive: true, force: true });
  const entity = 'src/users/user.entity.ts';
  writeFileSync(join(app, entity), readFileSync(join(FIXTURES, 'nest-app', entity), 'utf8'));
}
