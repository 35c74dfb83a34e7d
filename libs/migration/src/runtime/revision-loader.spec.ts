import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationError } from '../errors';
import type { MigrationOps } from '../operations/migration-ops';
import { MemoryFileSystem } from '../script/memory-file-system';
import { revisionChecksum } from '../script/checksum';
import { loadRevisionModule, requireModule, revisionFileChecksum } from './revision-loader';

// Revision files as users write them: a type-only import of the library, TypeScript-only
// syntax, and a value import of a package that only the revision's own node_modules holds.
const TS_REVISION = `import type { MigrationOps } from '@nest-migrate/migration';
import { tableName } from 'revision-helper';

interface Column { name: string; type: string }
enum Kind { Table = 'TABLE' }
const columns: readonly Column[] = [{ name: 'id', type: 'integer' }];

export async function upgrade(op: MigrationOps): Promise<void> {
  const list = columns.map((column) => \`\${column.name} \${column.type}\`).join(', ');
  await op.execute(\`CREATE \${Kind.Table} \${tableName as string} (\${list})\`);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute(\`DROP TABLE \${tableName}\`);
}
`;

const JS_REVISION = `'use strict';
exports.transactional = false;
exports.upgrade = async (op) => { await op.execute('CREATE INDEX i ON t (c)'); };
exports.downgrade = async (op) => { await op.execute('DROP INDEX i'); };
`;

const MULTIDB_REVISION = `'use strict';
exports.upgrade_default = async (op) => { await op.execute('CREATE TABLE a (id int)'); };
exports.downgrade_default = async (op) => { await op.execute('DROP TABLE a'); };
exports.upgrade_analytics = async (op) => { await op.execute('CREATE TABLE b (id int)'); };
exports.downgrade_analytics = async (op) => { await op.execute('DROP TABLE b'); };
`;

const HELPER_USER = `import type { MigrationOps } from '@nest-migrate/migration';
import { names } from './shared/names';

export async function upgrade(op: MigrationOps): Promise<void> {
  for (const name of names) await op.execute(\`CREATE TABLE \${name} (id int)\`);
}
export async function downgrade(op: MigrationOps): Promise<void> {}
`;

function recordingOps(): { op: MigrationOps; statements: string[] } {
  const statements: string[] = [];
  // The test revisions only call op.execute.
  const op = {
    execute: async (sql: string) => void statements.push(sql),
    dialect: 'sqlite',
    isOffline: true,
    queryRunner: undefined,
    getXArgument: () => undefined,
  } as unknown as MigrationOps;
  return { op, statements };
}

function loadError(path: string, database?: string): MigrationError {
  try {
    loadRevisionModule(path, database);
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error(`expected ${path} to fail to load`);
}

describe('loadRevisionModule on real files in a temporary migrations directory', () => {
  let root: string;
  let versions: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'nest-migrate-loader-'));
    versions = join(root, 'migrations', 'versions');
    mkdirSync(versions, { recursive: true });
    // A package that resolves only from the revision's directory upward, never from this repo.
    mkdirSync(join(root, 'node_modules', 'revision-helper'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'revision-helper', 'index.js'), "exports.tableName = 'account';\n");
    writeFileSync(join(versions, 'a1_create_account.ts'), TS_REVISION);
    writeFileSync(join(versions, 'b2_add_index.js'), JS_REVISION);
    writeFileSync(join(versions, 'c3_no_downgrade.ts'), 'export async function upgrade(): Promise<void> {}\n');
    writeFileSync(join(versions, 'c4_nothing.js'), "'use strict';\n");
    writeFileSync(
      join(versions, 'c5_bad_transactional.js'),
      "exports.upgrade = async () => {};\nexports.downgrade = async () => {};\nexports.transactional = 'no';\n",
    );
    writeFileSync(join(versions, 'd4_broken.ts'), 'export async function upgrade(op: any) {\n  const x = ;\n}\n');
    writeFileSync(join(versions, 'd5_broken.js'), 'exports.upgrade = async () => {\n  const x = ;\n};\n');
    writeFileSync(join(versions, 'e1_multidb.js'), MULTIDB_REVISION);
    writeFileSync(join(versions, 'd6_throws.js'), "throw new Error('boom at load\\nsecond line');\n");
    // A revision importing a .ts helper of its own, which Node alone cannot require.
    writeFileSync(join(versions, 'f1_uses_helper.ts'), HELPER_USER);
    mkdirSync(join(versions, 'shared'));
    writeFileSync(join(versions, 'shared', 'names.ts'), "export const names: string[] = ['first', 'second'];\n");
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('loads a .ts revision with type-only imports and TypeScript syntax, resolving packages from its own directory', async () => {
    const revision = loadRevisionModule(join(versions, 'a1_create_account.ts'));
    const { op, statements } = recordingOps();

    await revision.upgrade(op);
    await revision.downgrade(op);

    expect(statements).toEqual(['CREATE TABLE account (id integer)', 'DROP TABLE account']);
    expect(revision.transactional).toBeUndefined();
  });

  it('evaluates a .ts revision once: loading it again returns the same module', async () => {
    const path = join(versions, 'a1_create_account.ts');
    expect(loadRevisionModule(path).upgrade).toBe(loadRevisionModule(path).upgrade);
  });

  it('loads a relative .ts import of a revision the same way, from the same cache directory', async () => {
    const revision = loadRevisionModule(join(versions, 'f1_uses_helper.ts'));
    const { op, statements } = recordingOps();

    await revision.upgrade(op);

    expect(statements).toEqual(['CREATE TABLE first (id int)', 'CREATE TABLE second (id int)']);
    expect(readdirSync(join(versions, 'shared', '__revcache__'))).toEqual([expect.stringMatching(/^names\.[0-9a-f]{16}\.js$/)]);
  });

  it("gives a .ts revision Node's require.resolve and require.cache, resolving from its own directory", async () => {
    const path = join(versions, 'g1_resolves.ts');
    writeFileSync(
      path,
      `export const found = require.resolve('revision-helper');
export const cached = typeof require.cache;
export async function upgrade(): Promise<void> {}
export async function downgrade(): Promise<void> {}
`,
    );
    expect(requireModule(path)).toMatchObject({
      found: join(root, 'node_modules', 'revision-helper', 'index.js'),
      cached: 'object',
    });
  });

  it('reads the source and keeps the compiled form through the FileSystem port it is given', async () => {
    const fs = new MemoryFileSystem({
      'memory/versions/m1_only_in_memory.ts': TS_REVISION.replace(
        "import { tableName } from 'revision-helper';\n",
        "const tableName = 'note';\n",
      ),
    });
    const revision = loadRevisionModule('memory/versions/m1_only_in_memory.ts', undefined, fs);
    const { op, statements } = recordingOps();

    await revision.upgrade(op);

    expect(statements).toEqual(['CREATE TABLE note (id integer)']);
    expect(Object.keys(fs.snapshot())).toEqual([
      expect.stringMatching(/^memory\/versions\/__revcache__\/m1_only_in_memory\.[0-9a-f]{16}\.js$/),
      'memory/versions/m1_only_in_memory.ts',
    ]);
  });

  it('gives the checksum of the text it ran, not of the file edited since', () => {
    const text = TS_REVISION.replace("import { tableName } from 'revision-helper';\n", "const tableName = 'kept';\n");
    const fs = new MemoryFileSystem({ 'memory/versions/k1_checksum.ts': text, 'memory/versions/k2_unloaded.ts': text });
    loadRevisionModule('memory/versions/k1_checksum.ts', undefined, fs);
    fs.writeFile('memory/versions/k1_checksum.ts', `${text}// edited\n`);

    expect(revisionFileChecksum('memory/versions/k1_checksum.ts', fs)).toBe(revisionChecksum(text));
    // A file this process did not load is read as it is.
    fs.writeFile('memory/versions/k2_unloaded.ts', `${text}// edited\n`);
    expect(revisionFileChecksum('memory/versions/k2_unloaded.ts', fs)).toBe(revisionChecksum(`${text}// edited\n`));
  });

  it('loads a .js revision as it is, with its transactional flag', async () => {
    const revision = loadRevisionModule(join(versions, 'b2_add_index.js'));
    const { op, statements } = recordingOps();

    await revision.upgrade(op);
    await revision.downgrade(op);

    expect(statements).toEqual(['CREATE INDEX i ON t (c)', 'DROP INDEX i']);
    expect(revision.transactional).toBe(false);
  });

  it("runs a multidb revision's functions for the database asked for", async () => {
    const path = join(versions, 'e1_multidb.js');
    for (const [database, table] of [
      ['default', 'a'],
      ['analytics', 'b'],
    ]) {
      const { op, statements } = recordingOps();
      const revision = loadRevisionModule(path, database);
      await revision.upgrade(op);
      await revision.downgrade(op);
      expect(statements).toEqual([`CREATE TABLE ${table} (id int)`, `DROP TABLE ${table}`]);
    }
  });

  it('says which setup a file was written for when the functions do not match', () => {
    const multidb = join(versions, 'e1_multidb.js');
    expect(loadError(multidb).message).toBe(
      `revision file ${multidb} does not export a function upgrade(op) or a function downgrade(op): it is written for several ` +
        "databases (upgrade_default, upgrade_analytics); list them in MigrationModule's databases option",
    );
    expect(loadError(multidb, 'reports').message).toBe(
      `revision file ${multidb} does not export a function upgrade_reports(op) or a function downgrade_reports(op); ` +
        'export async function upgrade_reports(op: MigrationOps) and downgrade_reports(op: MigrationOps)',
    );
    const single = join(versions, 'b2_add_index.js');
    expect(loadError(single, 'analytics').message).toBe(
      `revision file ${single} does not export a function upgrade_analytics(op) or a function downgrade_analytics(op): it is ` +
        "written for one database; give it upgrade_analytics(op) and downgrade_analytics(op) (the multidb template's shape)",
    );
  });

  it('names the file and what to export when downgrade is missing', () => {
    const path = join(versions, 'c3_no_downgrade.ts');
    expect(loadError(path).message).toBe(
      `revision file ${path} does not export a function downgrade(op); ` +
        'export async function upgrade(op: MigrationOps) and downgrade(op: MigrationOps)',
    );
  });

  it('names both functions when a file exports neither', () => {
    const path = join(versions, 'c4_nothing.js');
    expect(loadError(path).message).toBe(
      `revision file ${path} does not export a function upgrade(op) or a function downgrade(op); ` +
        'export async function upgrade(op: MigrationOps) and downgrade(op: MigrationOps)',
    );
  });

  it('rejects a transactional export that is not a boolean', () => {
    const path = join(versions, 'c5_bad_transactional.js');
    expect(loadError(path).message).toBe(`revision file ${path} exports transactional as string; export it as true or false`);
  });

  it('reports a TypeScript syntax error with its line and column', () => {
    const path = join(versions, 'd4_broken.ts');
    expect(loadError(path).message).toBe(`could not load revision file ${path}: Unexpected token (2:13)`);
  });

  it.each([['d4_broken.ts'], ['d5_broken.js']])('reports a syntax error in %s on one line, with the cause', (name) => {
    const path = join(versions, name);
    const error = loadError(path);
    expect(error.message).toMatch(new RegExp(`^could not load revision file ${escape(path)}: \\S.*$`));
    // Not toBeInstanceOf(Error): under Jest, errors of Node's own module system come from another realm.
    expect(error.cause).toEqual(expect.objectContaining({ message: expect.any(String) }));
  });

  it('keeps only the first line of an error thrown while the module runs', () => {
    const path = join(versions, 'd6_throws.js');
    const error = loadError(path);
    expect(error.message).toBe(`could not load revision file ${path}: boom at load`);
    expect((error.cause as Error).message).toBe('boom at load\nsecond line');
  });

  // Jest's module system wraps require; run the same files under plain Node too, loading this
  // source file through sucrase's require hook (no build needed).
  it('loads the same revisions under plain Node', () => {
    const script = `
      require('sucrase/register/ts');
      const loader = require(${JSON.stringify(join(__dirname, 'revision-loader.ts'))});
      const statements = [];
      const op = { execute: async (sql) => { statements.push(sql); } };
      (async () => {
        for (const name of ['a1_create_account.ts', 'b2_add_index.js']) {
          const revision = loader.loadRevisionModule(${JSON.stringify(versions)} + '/' + name);
          await revision.upgrade(op);
        }
        for (const name of ['d4_broken.ts', 'd5_broken.js', 'c3_no_downgrade.ts']) {
          try { loader.loadRevisionModule(${JSON.stringify(versions)} + '/' + name); } catch (error) { statements.push(error.message); }
        }
        console.log(JSON.stringify(statements));
      })();
    `;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([
      'CREATE TABLE account (id integer)',
      'CREATE INDEX i ON t (c)',
      `could not load revision file ${versions}/d4_broken.ts: Unexpected token (2:13)`,
      `could not load revision file ${versions}/d5_broken.js: Unexpected token ';'`,
      expect.stringMatching(/^revision file .*c3_no_downgrade\.ts does not export a function downgrade\(op\);/),
    ]);
  });
});

// The built library (`npm test` builds first), since loading the source through sucrase's
// require hook would load sucrase and install the very hook this checks is absent.
describe('loadRevisionModule in a process of its own, from the built library', () => {
  const built = join(__dirname, '../../dist/runtime/revision-loader.js');
  let versions: string;

  beforeAll(() => {
    versions = join(mkdtempSync(join(tmpdir(), 'nest-migrate-loader-process-')), 'versions');
    mkdirSync(versions);
    writeFileSync(
      join(versions, 'a1_create.ts'),
      HELPER_USER.replace("import { names } from './shared/names';\n", "const names = ['one'];\n"),
    );
  });

  afterAll(() => {
    rmSync(join(versions, '..'), { recursive: true, force: true });
  });

  // What the process saw: the statements, whether sucrase was loaded, and whether a .ts require hook exists.
  function run(): { statements: string[]; sucrase: boolean; hook: boolean } {
    const script = `
      const { loadRevisionModule } = require(${JSON.stringify(built)});
      const statements = [];
      loadRevisionModule(${JSON.stringify(join(versions, 'a1_create.ts'))}).upgrade({ execute: async (sql) => { statements.push(sql); } }).then(() => {
        const sucrase = Object.keys(require.cache).some((path) => path.includes('/node_modules/sucrase/') && path.endsWith('.js'));
        console.log(JSON.stringify({ statements, sucrase, hook: '.ts' in require.extensions }));
      });
    `;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout);
  }

  it('compiles on the first run, runs from the cache without sucrase on the next, installs no require hook, and recompiles an edited file', () => {
    expect(run()).toEqual({ statements: ['CREATE TABLE one (id int)'], sucrase: true, hook: false });
    expect(run()).toEqual({ statements: ['CREATE TABLE one (id int)'], sucrase: false, hook: false });

    writeFileSync(
      join(versions, 'a1_create.ts'),
      HELPER_USER.replace("import { names } from './shared/names';\n", "const names = ['two'];\n"),
    );
    expect(run()).toEqual({ statements: ['CREATE TABLE two (id int)'], sucrase: true, hook: false });
    expect(readdirSync(join(versions, '__revcache__'))).toHaveLength(2);
  });
});

// The built library again: a revision's `@nest-migrate/migration` is the core entry until it reads
// a name only the full entry has, so a run that only needs the core never loads Nest.
describe("a revision's import of the package's main entry", () => {
  const built = join(__dirname, '../../dist/runtime/revision-loader.js');
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nest-migrate-entry-view-'));
    mkdirSync(join(dir, 'node_modules', '@nest-migrate'), { recursive: true });
    symlinkSync(join(__dirname, '../..'), join(dir, 'node_modules', '@nest-migrate', 'migration'));
    const revision = (body: string) => `import { sqlText, MigrationModule } from '@nest-migrate/migration';
import * as all from '@nest-migrate/migration';
export async function upgrade(op: { execute(sql: string): Promise<void> }): Promise<void> { ${body} }
export async function downgrade(): Promise<void> {}
`;
    writeFileSync(join(dir, 'core_only.ts'), revision('await op.execute(String(typeof sqlText));'));
    writeFileSync(
      join(dir, 'nest_name.ts'),
      revision("await op.execute(String(MigrationModule === require('@nest-migrate/migration').MigrationModule));"),
    );
    writeFileSync(
      join(dir, 'every_name.ts'),
      revision("await op.execute(String(Object.keys(all).includes('Migrate') && Object.keys(all).includes('sqlText')));"),
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What the revision executed, and whether Nest was loaded by the end. */
  function run(file: string): { executed: string; nest: boolean } {
    const script = `
      const { loadRevisionModule } = require(${JSON.stringify(built)});
      let executed;
      loadRevisionModule(${JSON.stringify(join(dir, file))}).upgrade({ execute: async (sql) => { executed = sql; } }).then(() => {
        const nest = Object.keys(require.cache).some((path) => path.includes('/node_modules/@nestjs/core/'));
        console.log(JSON.stringify({ executed, nest }));
      });
    `;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout);
  }

  it("gives the core's names without loading Nest", () => {
    expect(run('core_only.ts')).toEqual({ executed: 'function', nest: false });
  });

  it('loads the full entry for a name only it has, the same value a plain require gives', () => {
    expect(run('nest_name.ts')).toEqual({ executed: 'true', nest: true });
  });

  it('lists every name of the full entry (import *, export *)', () => {
    expect(run('every_name.ts')).toEqual({ executed: 'true', nest: true });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
