// Render -> write a revision file -> compile it (sucrase, as a revision is loaded; and tsc, against
// the real MigrationOps types) -> run it against a recording `op`: the ops it records are the ops rendered.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'sucrase';
import * as ts from 'typescript';
import { BatchAlterTableOp } from '../../operations/batch-ops';
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../../operations/column-ops';
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from '../../operations/constraint-ops';
import { AddEnumValueOp, CreateEnumTypeOp, DropEnumTypeOp } from '../../operations/enum-ops';
import { CreateIndexOp, DropIndexOp } from '../../operations/index-ops';
import type { MigrateOperation } from '../../operations/migrate-operation';
import * as helpers from '../../operations/schema-objects';
import { check, f, foreignKey, index, primaryKey, sqlText, unique } from '../../operations/schema-objects';
import { BulkInsertOp, ExecuteSQLOp } from '../../operations/sql-ops';
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from '../../operations/table-ops';
import { Operations } from '../../runtime/operations';
import type { SqlEmitter } from '../../runtime/sql-emitter';
import { groupAsBatches } from './batch-grouping';
import { reverseOps } from './downgrade';
import { renderDowngrade, renderImportLine, renderOps, RenderOptions } from './render-ops';

/** The real `op` facade, except that each op object is recorded instead of run. */
class RecordingOps extends Operations {
  readonly recorded: MigrateOperation[] = [];

  constructor() {
    super({ dialect: 'postgres', isOffline: true } as unknown as SqlEmitter, undefined, {});
  }

  protected override async perform(operation: MigrateOperation): Promise<void> {
    this.recorded.push(operation);
  }
}

interface RevisionModule {
  upgrade(op: unknown): Promise<void>;
  downgrade(op: unknown): Promise<void>;
}

const indent = (body: string) =>
  body
    .split('\n')
    .map((line) => (line ? `  ${line}` : ''))
    .join('\n');

/** A revision file as the proposed template makes it: the helper import before `import type { MigrationOps }`. */
function revisionFile(upgrade: { body: string; imports: string[] }, downgrade: { body: string; imports: string[] }): string {
  const imports = [...new Set([...upgrade.imports, ...downgrade.imports])].sort();
  return [
    '/**',
    ' * round trip',
    ' */',
    ...(imports.length ? [renderImportLine(imports)] : []),
    "import type { MigrationOps } from '@nest-migrate/migration';",
    '',
    'export async function upgrade(op: MigrationOps): Promise<void> {',
    indent(upgrade.body),
    '}',
    'export async function downgrade(op: MigrationOps): Promise<void> {',
    indent(downgrade.body),
    '}',
    '',
  ].join('\n');
}

function load(path: string): RevisionModule {
  const { code } = transform(readFileSync(path, 'utf8'), { transforms: ['typescript', 'imports'] });
  const module = { exports: {} as RevisionModule };
  const requireHelpers = (id: string) => {
    if (id === '@nest-migrate/migration') return helpers;
    throw new Error(`unexpected import ${id}`);
  };
  new Function('exports', 'require', 'module', code)(module.exports, requireHelpers, module);
  return module.exports;
}

async function run(module: RevisionModule, direction: 'upgrade' | 'downgrade'): Promise<MigrateOperation[]> {
  const op = new RecordingOps();
  await module[direction](op);
  return op.recorded;
}

/** Class names, batches with their children's: toEqual does not compare classes. */
const classes = (ops: readonly MigrateOperation[]): unknown[] =>
  ops.map((op) => (op instanceof BatchAlterTableOp ? { [op.constructor.name]: classes(op.ops) } : op.constructor.name));

function expectSameOps(actual: MigrateOperation[], expected: MigrateOperation[]): void {
  expect(classes(actual)).toEqual(classes(expected));
  expect(actual).toEqual(expected);
}

// Every reversible op kind, names final so that each reverse drops exactly that name.
const REVERSIBLE: MigrateOperation[] = [
  new CreateEnumTypeOp('mood', ['sad', 'ok'], { schema: 'app' }),
  new CreateTableOp(
    'posts',
    [
      { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
      { name: 'title', type: 'varchar(200)', nullable: false, comment: "it's the title" },
      { name: 'created_at', type: 'timestamp', nullable: false, serverDefault: sqlText('CURRENT_TIMESTAMP') },
      { name: 'score', type: 'numeric(10,2)', serverDefault: 0 },
      { name: 'author_id', type: 'integer', nullable: false },
      foreignKey('author_id', 'users', 'id', { onDelete: 'CASCADE', name: f('fk_posts_author') }),
      unique(['title', 'author_id'], { name: 'title_author' }),
      check('score >= 0', { name: 'score_positive' }),
      index([sqlText('lower(title)')], { name: f('ix_posts_lower_title'), where: 'score > 0' }),
    ],
    { comment: 'posts' },
  ),
  new CreateTableOp('tags', [{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }, primaryKey(['a', 'b'])]),
  new RenameTableOp('tags', 'labels'),
  new CreateTableCommentOp('labels', 'labels', { existingComment: 'old' }),
  new DropTableCommentOp('posts', { existingComment: 'posts' }),
  new AddColumnOp('users', { name: 'email', type: 'varchar(255)', nullable: false, serverDefault: '' }),
  new AlterColumnOp('users', 'age', { type: 'integer', existingType: 'text', nullable: false, existingNullable: true }),
  new AlterColumnOp('users', 'nick', { newColumnName: 'nickname', existingType: 'text' }),
  new DropColumnOp('users', 'legacy', { existingColumn: { name: 'legacy', type: 'text' } }),
  new CreateForeignKeyOp(f('fk_users_team'), 'users', 'teams', ['team_id'], ['id'], { onDelete: 'SET NULL' }),
  new CreateUniqueConstraintOp(f('uq_users_email'), 'users', ['email']),
  new CreateCheckConstraintOp(f('ck_users_age'), 'users', "age > 0 AND nick <> ''"),
  new DropConstraintOp('uq_users_nick', 'users', { type: 'unique', existing: unique('nick', { name: f('uq_users_nick') }) }),
  new CreateIndexOp(f('ix_users_email'), 'users', ['email'], { unique: true }),
  new DropIndexOp('ix_users_age', 'users', { existing: index('age', { name: f('ix_users_age') }) }),
  new CreatePrimaryKeyOp(f('pk_audit'), 'audit', ['id'], { schema: 'app' }),
  new DropTableOp('old', { existingElements: [{ name: 'id', type: 'integer', primaryKey: true }, check('id > 0', { name: 'ck' })] }),
  new DropEnumTypeOp('gone', { existingValues: ['a', 'b'] }),
  new BatchAlterTableOp('accounts', [new AddColumnOp('accounts', { name: 'x', type: 'text' })], {
    recreate: 'always',
    namingConvention: { uq: 'uq_%(table_name)s_%(column_0_name)s' },
  }),
];

// Ops with no reverse: rendered in the upgrade, commented in the downgrade.
const ONE_WAY: MigrateOperation[] = [
  new ExecuteSQLOp("UPDATE users SET nick = 'x' WHERE id = $1", [1]),
  new BulkInsertOp('labels', [
    { a: 'x', b: 'y' },
    { a: "it's", b: null },
  ]),
  new AddEnumValueOp('mood', 'happy', { after: 'ok' }),
];

const CASES: [string, RenderOptions][] = [
  ['plain ops', { renderAsBatch: false, dialect: 'postgres' }],
  ['renderAsBatch', { renderAsBatch: true, dialect: 'sqlite' }],
];

describe.each(CASES)('round trip, %s', (_, options) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'render-round-trip-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const expected = (ops: MigrateOperation[]) => (options.renderAsBatch ? groupAsBatches(ops) : ops);

  it('upgrade records the ops rendered; downgrade records their reverses, last first', async () => {
    const path = join(dir, 'reversible.ts');
    writeFileSync(path, revisionFile(renderOps(REVERSIBLE, options), renderDowngrade(REVERSIBLE, options)));
    const module = load(path);
    expectSameOps(await run(module, 'upgrade'), expected(REVERSIBLE));
    expectSameOps(await run(module, 'downgrade'), expected(reverseOps(REVERSIBLE)));
  });

  it('ops without a reverse: the upgrade runs them, the downgrade throws before running anything', async () => {
    const path = join(dir, 'one-way.ts');
    const ops = [new AddColumnOp('users', { name: 'a', type: 'text' }), ...ONE_WAY];
    writeFileSync(path, revisionFile(renderOps(ops, options), renderDowngrade(ops, options)));
    const module = load(path);
    expectSameOps(await run(module, 'upgrade'), expected(ops));
    const op = new RecordingOps();
    await expect(module.downgrade(op)).rejects.toThrow('This downgrade is incomplete');
    expect(op.recorded).toEqual([]);
  });

  it('a drop of a convention-named constraint or index records the name the convention gives', async () => {
    const path = join(dir, 'convention.ts');
    const ops = [new CreateForeignKeyOp(null, 'posts', 'users', ['author_id'], ['id']), new CreateIndexOp(null, 'posts', ['title'])];
    writeFileSync(path, revisionFile(renderOps(ops, options), renderDowngrade(ops, options)));
    const recorded = await run(load(path), 'downgrade');
    const flat = recorded.flatMap((op) => (op instanceof BatchAlterTableOp ? op.ops : [op]));
    expect(
      flat.map((op) =>
        (op as DropIndexOp | DropConstraintOp) instanceof DropIndexOp
          ? (op as DropIndexOp).indexName
          : (op as DropConstraintOp).constraintName,
      ),
    ).toEqual(['ix_posts_title', 'fk_posts_author_id_users']);
  });

  it('the files type-check against MigrationOps', () => {
    const files = ['reversible.ts', 'one-way.ts', 'convention.ts'].map((name) => join(dir, name));
    const root = join(__dirname, '../../../../..');
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      baseUrl: root,
      paths: { '@nest-migrate/migration': ['libs/migration/src/index.ts'] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map(
        (d) =>
          `${d.file!.fileName.slice(dir.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start!).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      );
    expect(diagnostics).toEqual([]);
  }, 120_000);
});
