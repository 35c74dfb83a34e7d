import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestDatabase, dialectsUnderTest } from '../../../../tools/db/test-database';
import { upgrade } from '../../src/commands/upgrade';
import type { TransactionMode } from '../../src/config/migration-config';

/**
 * A property of SQLite's batch recreate, on generated schemas: random tables with rows, every
 * kind of constraint (named and unnamed, on a column or on the table), foreign keys between them
 * (and to themselves) with every ON DELETE / ON UPDATE action, and plain, unique, partial and
 * expression indexes; one random batch change to one table, in a random transaction mode.
 * Afterwards every row of every table is what it was (the changed table's as the change says),
 * the changed table has the columns, keys, foreign keys and indexes it should (SQLite's own
 * PRAGMAs, not the reflection the recreate uses), the other tables are untouched, and every
 * constraint is still enforced (probe inserts, rolled back).
 *
 * The seed is fixed when CI is set and random otherwise; fast-check prints it on failure, and
 * NEST_MIGRATE_PROPERTY_SEED replays one.
 */

/** The calls this test makes on better-sqlite3 (TypeORM's driver here), which ships no types. */
interface Sqlite {
  readonly open: boolean;
  exec(sql: string): void;
  pragma(sql: string): unknown[];
  prepare(sql: string): { all(): unknown[]; get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  transaction(fn: () => void): () => void;
  close(): void;
}
const Database = require('better-sqlite3') as new (file: string) => Sqlite;

const HELPERS = path.resolve(__dirname, '../../src/operations/schema-objects');
const FIXED_SEED = 20261125;
const RUNS = Number(process.env.NEST_MIGRATE_PROPERTY_RUNS ?? 200);

type Action = 'NO ACTION' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT';
type Style = 'inline' | 'inlineNamed' | 'table' | 'tableNamed';
type Value = string | number | null;
type Row = Record<string, Value>;

interface Col {
  name: string;
  isInt: boolean;
  type: string;
  notNull: boolean;
  default?: Value;
  /** A foreign-key column (never NOT NULL, no default, so SET NULL and SET DEFAULT both empty it). */
  isRef?: boolean;
}
interface Constraint {
  kind: 'unique' | 'check' | 'fk';
  column: string;
  style: Style;
  name?: string;
  parent?: string;
  onDelete?: Action;
  onUpdate?: Action;
}
interface Index {
  name: string;
  column: string;
  unique: boolean;
  partial: boolean;
  expression: boolean;
}
interface Table {
  name: string;
  pk: 'inline' | 'autoincrement' | 'named' | 'unnamed';
  columns: Col[];
  constraints: Constraint[];
  indexes: Index[];
  rows: Row[];
}

const ACTIONS: Action[] = ['NO ACTION', 'CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT'];
const STYLES: Style[] = ['inline', 'inlineNamed', 'table', 'tableNamed'];
const CHANGES = [
  'retype',
  'nullability',
  'default',
  'addColumn',
  'dropColumn',
  'rename',
  'addCheck',
  'addUnique',
  'addForeignKey',
  'dropConstraint',
  'nameByTableArgs',
  'noop',
] as const;
type ChangeKind = (typeof CHANGES)[number];

const condition = (col: Col) => (col.isInt ? `${col.name} >= 0` : `length(${col.name}) <= 40`);
const violating = (col: Col): Value => (col.isInt ? -5 : 'x'.repeat(41));

const columnArb = fc.record({
  isInt: fc.boolean(),
  notNull: fc.boolean(),
  hasDefault: fc.boolean(),
  unique: fc.option(fc.constantFrom(...STYLES), { freq: 2 }),
  check: fc.option(fc.constantFrom(...STYLES), { freq: 2 }),
  index: fc.constantFrom('none', 'none', 'plain', 'unique', 'partial', 'expression'),
});
const tableArb = fc.record({
  pk: fc.constantFrom('inline', 'autoincrement', 'named', 'unnamed'),
  columns: fc.array(columnArb, { minLength: 1, maxLength: 3 }),
  refs: fc.array(
    fc.record({
      parent: fc.nat(),
      onDelete: fc.constantFrom(...ACTIONS),
      onUpdate: fc.constantFrom(...ACTIONS),
      style: fc.constantFrom(...STYLES),
    }),
    {
      maxLength: 2,
    },
  ),
  rows: fc.nat({ max: 4 }),
  nulls: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
});
const caseArb = fc.record({
  tables: fc.array(tableArb, { minLength: 1, maxLength: 4 }),
  target: fc.nat(),
  change: fc.constantFrom(...CHANGES),
  pick: fc.nat(),
  variant: fc.nat({ max: 2 }),
  recreate: fc.constantFrom('auto', 'always'),
  mode: fc.constantFrom<TransactionMode>('all', 'per-migration', 'none'),
  transactional: fc.boolean(),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** The tables a case describes, with rows that satisfy every constraint. */
function buildTables(spec: Case): Table[] {
  const tables: Table[] = [];
  spec.tables.forEach((t, ti) => {
    const name = `t${ti}`;
    const columns: Col[] = [];
    const constraints: Constraint[] = [];
    const indexes: Index[] = [];
    t.columns.forEach((c, ci) => {
      const col: Col = { name: `c${ci}`, isInt: c.isInt, type: c.isInt ? 'INTEGER' : 'VARCHAR(20)', notNull: c.notNull };
      if (c.hasDefault) col.default = c.isInt ? 7 : 'd';
      columns.push(col);
      if (c.unique)
        constraints.push({
          kind: 'unique',
          column: col.name,
          style: c.unique,
          ...(c.unique.endsWith('Named') ? { name: `u_${name}_${col.name}` } : {}),
        });
      if (c.check)
        constraints.push({
          kind: 'check',
          column: col.name,
          style: c.check,
          ...(c.check.endsWith('Named') ? { name: `k_${name}_${col.name}` } : {}),
        });
      if (c.index !== 'none') {
        indexes.push({
          name: `i_${name}_${col.name}`,
          column: col.name,
          unique: c.index === 'unique',
          partial: c.index === 'partial',
          expression: c.index === 'expression',
        });
      }
    });
    t.refs.forEach((r, ri) => {
      const col: Col = { name: `r${ri}`, isInt: true, type: 'INTEGER', notNull: false, isRef: true };
      columns.push(col);
      const parent = `t${r.parent % (ti + 1)}`;
      constraints.push({
        kind: 'fk',
        column: col.name,
        style: r.style,
        parent,
        onDelete: r.onDelete,
        onUpdate: r.onUpdate,
        ...(r.style.endsWith('Named') ? { name: `f_${name}_${col.name}` } : {}),
      });
    });
    const rows: Row[] = [];
    for (let i = 1; i <= t.rows; i++) {
      const row: Row = { id: i };
      columns.forEach((col, ci) => {
        const isNull = !col.notNull && t.nulls[(i * 5 + ci) % t.nulls.length];
        if (col.isRef) {
          // A parent row that exists: an earlier table's, or an earlier row of this one.
          const parent = constraints.find((k) => k.column === col.name)!.parent;
          const ids = (parent === name ? rows : tables.find((p) => p.name === parent)!.rows).map((p) => Number(p['id']));
          row[col.name] = isNull || ids.length === 0 ? null : ids[(i + ci) % ids.length];
        } else {
          row[col.name] = isNull ? null : col.isInt ? i * 7 + ci : `r${i}c${ci}`;
        }
      });
      rows.push(row);
    }
    tables.push({ name, pk: t.pk as Table['pk'], columns, constraints, indexes, rows });
  });
  return tables;
}

function createSql(t: Table): string[] {
  const lines: string[] = [];
  const clause = (k: Constraint) => {
    const named = k.name ? `CONSTRAINT ${k.name} ` : '';
    if (k.kind === 'unique') return `${named}UNIQUE${k.style.startsWith('table') ? ` (${k.column})` : ''}`;
    const col = t.columns.find((c) => c.name === k.column)!;
    if (k.kind === 'check') return `${named}CHECK (${condition(col)})`;
    const ref = `REFERENCES ${k.parent} (id) ON DELETE ${k.onDelete} ON UPDATE ${k.onUpdate}`;
    return k.style.startsWith('table') ? `${named}FOREIGN KEY (${k.column}) ${ref}` : `${named}${ref}`;
  };
  lines.push(
    t.pk === 'inline'
      ? 'id INTEGER PRIMARY KEY'
      : t.pk === 'autoincrement'
        ? 'id INTEGER PRIMARY KEY AUTOINCREMENT'
        : 'id INTEGER NOT NULL',
  );
  for (const col of t.columns) {
    const inline = t.constraints.filter((k) => k.column === col.name && k.style.startsWith('inline')).map(clause);
    const literal = col.default === undefined ? '' : ` DEFAULT ${typeof col.default === 'string' ? `'${col.default}'` : col.default}`;
    lines.push([`${col.name} ${col.type}${col.notNull ? ' NOT NULL' : ''}${literal}`, ...inline].join(' '));
  }
  if (t.pk === 'named') lines.push(`CONSTRAINT p_${t.name} PRIMARY KEY (id)`);
  if (t.pk === 'unnamed') lines.push('PRIMARY KEY (id)');
  for (const k of t.constraints.filter((c) => c.style.startsWith('table'))) lines.push(clause(k));
  const statements = [`CREATE TABLE ${t.name} (\n  ${lines.join(',\n  ')}\n)`];
  for (const ix of t.indexes) {
    const key = ix.expression ? `lower(${ix.column})` : ix.column;
    statements.push(
      `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${ix.name} ON ${t.name} (${key})${ix.partial ? ` WHERE ${ix.column} IS NOT NULL` : ''}`,
    );
  }
  return statements;
}

interface Planned {
  /** The batch callback's body and options, as the revision writes them. */
  calls: string[];
  options: string[];
  /** The table after the change, and the constraint the change dropped (its probe must now pass). */
  after: Table;
  dropped?: Constraint;
}

/** The change the case asks for, on the target table, or a recreate that changes nothing where the table has no place for it. */
function planChange(spec: Case, tables: Table[]): Planned {
  const before = tables[spec.target % tables.length];
  const after: Table = structuredClone(before);
  const data = after.columns.filter((c) => !c.isRef);
  const pick = <T>(list: T[]): T | undefined => (list.length ? list[spec.pick % list.length] : undefined);
  const recreate = `recreate: '${spec.recreate}'`;
  const noop = (): Planned => ({ calls: [], options: ["recreate: 'always'"], after: structuredClone(before) });
  const q = (value: unknown) => JSON.stringify(value);
  switch (spec.change as ChangeKind) {
    case 'retype': {
      const col = pick(data);
      if (!col) return noop();
      const type = col.isInt ? 'bigint' : spec.variant === 0 ? 'text' : 'varchar(60)';
      col.type = type.toUpperCase();
      return { calls: [`await batch.alterColumn(${q(col.name)}, { type: ${q(type)} });`], options: [recreate], after };
    }
    case 'nullability': {
      const col = pick(data.filter((c) => c.notNull || after.rows.every((r) => r[c.name] !== null)));
      if (!col) return noop();
      col.notNull = !col.notNull;
      return { calls: [`await batch.alterColumn(${q(col.name)}, { nullable: ${!col.notNull} });`], options: [recreate], after };
    }
    case 'default': {
      const col = pick(data);
      if (!col) return noop();
      const value = spec.variant === 0 ? null : col.isInt ? 3 : 'changed';
      if (value === null) delete col.default;
      else col.default = value;
      return { calls: [`await batch.alterColumn(${q(col.name)}, { serverDefault: ${q(value)} });`], options: [recreate], after };
    }
    case 'addColumn': {
      const col: Col = { name: 'added', isInt: true, type: 'INTEGER', notNull: true, default: 4 };
      after.columns.push(col);
      for (const row of after.rows) row['added'] = 4;
      return {
        calls: [`await batch.addColumn({ name: 'added', type: 'integer', nullable: false, serverDefault: 4 });`],
        options: [recreate],
        after,
      };
    }
    case 'dropColumn': {
      const col = pick(data);
      if (!col) return noop();
      after.columns = after.columns.filter((c) => c !== col);
      after.constraints = after.constraints.filter((k) => k.column !== col.name);
      after.indexes = after.indexes.filter((i) => i.column !== col.name);
      for (const row of after.rows) delete row[col.name];
      return { calls: [`await batch.dropColumn(${q(col.name)});`], options: [recreate], after };
    }
    case 'rename': {
      const col = pick(data);
      if (!col) return noop();
      const from = col.name;
      col.name = `${from}_new`;
      for (const k of after.constraints) if (k.column === from) k.column = col.name;
      for (const i of after.indexes) if (i.column === from) i.column = col.name;
      for (const row of after.rows) {
        row[col.name] = row[from];
        delete row[from];
      }
      return { calls: [`await batch.alterColumn(${q(from)}, { newColumnName: ${q(col.name)} });`], options: [recreate], after };
    }
    case 'addCheck': {
      const col = pick(data);
      if (!col) return noop();
      after.constraints.push({ kind: 'check', column: col.name, style: 'tableNamed', name: `ck_${after.name}_added` });
      return { calls: [`await batch.createCheckConstraint('added', ${q(condition(col))});`], options: [recreate], after };
    }
    case 'addUnique': {
      const col = pick(data);
      if (!col) return noop();
      after.constraints.push({ kind: 'unique', column: col.name, style: 'tableNamed', name: `uq_${after.name}_${col.name}` });
      return { calls: [`await batch.createUniqueConstraint(null, [${q(col.name)}]);`], options: [recreate], after };
    }
    case 'addForeignKey': {
      const parent = tables[spec.pick % tables.length].name;
      after.columns.push({ name: 'added_ref', isInt: true, type: 'INTEGER', notNull: false, isRef: true });
      after.constraints.push({
        kind: 'fk',
        column: 'added_ref',
        style: 'tableNamed',
        name: `fk_${after.name}_added_ref_${parent}`,
        parent,
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      });
      for (const row of after.rows) row['added_ref'] = null;
      return {
        calls: [
          "await batch.addColumn({ name: 'added_ref', type: 'integer' });",
          `await batch.createForeignKey(null, ${q(parent)}, ['added_ref'], ['id'], { onDelete: 'SET NULL' });`,
        ],
        options: [recreate],
        after,
      };
    }
    case 'dropConstraint': {
      const k = pick(after.constraints);
      if (!k) return noop();
      after.constraints = after.constraints.filter((c) => c !== k);
      const col = before.columns.find((c) => c.name === k.column)!;
      const type = { unique: 'unique', check: 'check', fk: 'foreignkey' }[k.kind];
      if (k.name)
        return { calls: [`await batch.dropConstraint(${q(k.name)}, { type: '${type}' });`], options: [recreate], after, dropped: k };
      if (k.kind === 'unique' && spec.variant === 0) {
        // Alembic's recipe: the batch's convention names the unnamed uniques, one of which is dropped by that name.
        for (const other of after.constraints) if (other.kind === 'unique' && !other.name) other.name = `uq_${after.name}_${other.column}`;
        return {
          calls: [`await batch.dropConstraint('uq_${after.name}_${k.column}', { type: 'unique' });`],
          options: [recreate, "namingConvention: { uq: 'uq_%(table_name)s_%(column_0_name)s' }"],
          after,
          dropped: k,
        };
      }
      // An unnamed one by its definition, spelt differently from the table's.
      const existing =
        k.kind === 'unique'
          ? `unique([${q(k.column.toUpperCase())}])`
          : k.kind === 'check'
            ? `check(${q(`(${condition(col).replace(k.column, `"${k.column}"`).replace(/ /g, '')})`)})`
            : `foreignKey(${q(k.column)}, ${q(k.parent)}, 'id')`;
      return {
        calls: [`await batch.dropConstraint(${q(`${k.kind}_gone`)}, { existing: ${existing} });`],
        options: [recreate],
        after,
        dropped: k,
      };
    }
    case 'nameByTableArgs': {
      const k = pick(after.constraints.filter((c) => c.kind === 'unique' && !c.name));
      if (!k) return noop();
      k.name = `named_${k.column}`;
      return { calls: [], options: ["recreate: 'always'", `tableArgs: [unique([${q(k.column)}], { name: op.f(${q(k.name)}) })]`], after };
    }
    case 'noop':
      return noop();
  }
}

function revisionFile(id: string, down: string | null, body: string, transactional: boolean): string {
  return `import type { MigrationOps } from '@nest-migrate/migration';
import { check, foreignKey, unique } from ${JSON.stringify(HELPERS)};

export const revision = '${id}';
export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`};
export const branchLabels = null;
export const dependsOn = null;
${transactional ? '' : 'export const transactional = false;\n'}
export async function upgrade(op: MigrationOps): Promise<void> {
${body}
}

export async function downgrade(): Promise<void> {}
`;
}

/** What SQLite itself says of a table: columns, foreign keys and indexes, in a comparable shape. */
function sqliteSays(db: Sqlite, table: string) {
  const columns = (db.pragma(`table_info('${table}')`) as Row[]).map((c) => ({
    name: c['name'],
    type: c['type'],
    // An INTEGER PRIMARY KEY is never NULL, written NOT NULL or not.
    notnull: c['pk'] === 1 ? 'key' : c['notnull'],
    dflt: c['dflt_value'],
    pk: c['pk'],
  }));
  const foreignKeys = (db.pragma(`foreign_key_list('${table}')`) as Row[])
    .map((k) => `${k['from']} -> ${k['table']}(${k['to']}) ON DELETE ${k['on_delete']} ON UPDATE ${k['on_update']}`)
    .sort();
  const indexes = (db.pragma(`index_list('${table}')`) as Row[])
    .map((i) => {
      const keys = (db.pragma(`index_info('${i['name']}')`) as Row[]).map((c) => c['name'] ?? '(expression)').join(', ');
      const name = i['origin'] === 'c' ? `${i['name']} ` : '';
      return `${name}${i['origin']}${i['unique'] ? ' unique' : ''}${i['partial'] ? ' partial' : ''} (${keys})`;
    })
    .sort();
  return { columns, foreignKeys, indexes };
}

/** The constraint names in a CREATE TABLE text. */
function constraintNames(sql: string): string[] {
  return [...sql.matchAll(/CONSTRAINT\s+("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)/gi)].map((m) => m[1].replace(/^"|"$/g, '')).sort();
}

const rowsOf = (db: Sqlite, table: string) => db.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Row[];

/** True when the statements, run together in a savepoint that is then undone, are refused. */
function refused(db: Sqlite, ...statements: string[]): boolean {
  db.exec('SAVEPOINT probe');
  try {
    for (const sql of statements) db.exec(sql);
    return false;
  } catch {
    return true;
  } finally {
    db.exec('ROLLBACK TO probe');
    db.exec('RELEASE probe');
  }
}

/** An INSERT of a row that satisfies every constraint of `t`, with `changes` over it. */
function insert(t: Table, n: number, changes: Row = {}): string {
  const row: Row = { id: 1000 + n };
  for (const col of t.columns) row[col.name] = col.isRef ? null : col.isInt ? 5000 + n : `p${n}`;
  Object.assign(row, changes);
  const literal = (v: Value) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
  return `INSERT INTO "${t.name}" (${Object.keys(row)
    .map((k) => `"${k}"`)
    .join(', ')}) VALUES (${Object.values(row).map(literal).join(', ')})`;
}

/** Probes every constraint of `t` (and the foreign keys into it) with inserts that are undone; answers those that went the wrong way. */
function probe(db: Sqlite, t: Table, tables: Table[], dropped: Constraint | undefined): string[] {
  const failures: string[] = [];
  const expect = (what: string, actual: boolean, wanted: boolean) => {
    if (actual !== wanted) failures.push(`${what}: ${wanted ? 'refused' : 'accepted'} expected`);
  };
  expect('a valid row', refused(db, insert(t, 1)), false);
  for (const col of t.columns.filter((c) => c.notNull))
    expect(`NOT NULL ${col.name}`, refused(db, insert(t, 2, { [col.name]: null })), true);
  const uniqueColumns = new Set([
    ...t.constraints.filter((k) => k.kind === 'unique').map((k) => k.column),
    ...t.indexes.filter((i) => i.unique && !i.expression).map((i) => i.column),
  ]);
  for (const column of uniqueColumns) {
    const col = t.columns.find((c) => c.name === column)!;
    expect(`UNIQUE ${column}`, refused(db, insert(t, 3), insert(t, 4, { [column]: col.isInt ? 5003 : 'p3' })), true);
  }
  for (const k of t.constraints.filter((c) => c.kind === 'check')) {
    expect(`CHECK on ${k.column}`, refused(db, insert(t, 5, { [k.column]: violating(t.columns.find((c) => c.name === k.column)!) })), true);
  }
  for (const k of t.constraints.filter((c) => c.kind === 'fk'))
    expect(`FOREIGN KEY ${k.column}`, refused(db, insert(t, 6, { [k.column]: 99999 })), true);
  // The table is still the parent its children reference: a child row may point at it, and not past it.
  for (const child of tables) {
    for (const k of child.constraints.filter((c) => c.kind === 'fk' && c.parent === t.name && child.name !== t.name)) {
      expect(`${child.name}.${k.column} into it`, refused(db, insert(child, 7, { [k.column]: 99999 })), true);
      if (t.rows.length)
        expect(`${child.name}.${k.column} to a row of it`, refused(db, insert(child, 8, { [k.column]: Number(t.rows[0]['id']) })), false);
    }
  }
  if (
    dropped &&
    !t.constraints.some((k) => k.kind === dropped.kind && k.column === dropped.column) &&
    !(dropped.kind === 'unique' && uniqueColumns.has(dropped.column))
  ) {
    const col = t.columns.find((c) => c.name === dropped.column)!;
    const broken =
      dropped.kind === 'check'
        ? [insert(t, 9, { [col.name]: violating(col) })]
        : dropped.kind === 'fk'
          ? [insert(t, 9, { [col.name]: 99999 })]
          : [insert(t, 3), insert(t, 4, { [col.name]: col.isInt ? 5003 : 'p3' })];
    expect(`the dropped ${dropped.kind} on ${dropped.column}`, refused(db, ...broken), false);
  }
  return failures;
}

const isCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
const replayed = process.env.NEST_MIGRATE_PROPERTY_SEED;
const seed = replayed ? Number(replayed) : isCi ? FIXED_SEED : Date.now() % 2 ** 31;

for (const dialect of dialectsUnderTest().filter((d) => d === 'sqlite')) {
  describe(`batch recreate on ${dialect} (property, seed ${seed})`, () => {
    let root: string;
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'nest-migrate-batch-property-'));
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('keeps every row of every table and every constraint, whatever the schema and the change', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(caseArb, async (spec) => {
          const dir = path.join(root, String(n++));
          fs.mkdirSync(path.join(dir, 'versions'), { recursive: true });
          const database = await createTestDatabase(dialect, 'batch property');
          const file = database.url.slice('sqlite:'.length);
          const tables = buildTables(spec);
          const db = new Database(file);
          try {
            db.pragma('foreign_keys = OFF');
            // One transaction: a commit per statement would wait on the disk each time.
            db.transaction(() => {
              for (const t of tables) for (const sql of createSql(t)) db.exec(sql);
              for (const t of tables)
                for (const row of t.rows)
                  db.prepare(
                    `INSERT INTO ${t.name} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
                      .map(() => '?')
                      .join(', ')})`,
                  ).run(...Object.values(row));
            })();
            const planned = planChange(spec, tables);
            const target = planned.after.name;
            const sqlBefore = Object.fromEntries(
              tables.map((t) => [t.name, (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t.name) as Row)['sql']]),
            );
            const describedBefore = sqliteSays(db, target);
            db.close();

            const body = `  await op.batchAlterTable(${JSON.stringify(target)}, async (batch) => {\n    ${planned.calls.join('\n    ')}\n  }, { ${planned.options.join(', ')} });`;
            fs.writeFileSync(path.join(dir, 'versions', 'a1_change.ts'), revisionFile('a1', null, body, spec.transactional));
            await upgrade({ directory: dir, database: { url: database.url }, transactionMode: spec.mode }, 'heads');

            const after = new Database(file);
            try {
              after.pragma('foreign_keys = ON');
              for (const t of tables) {
                const expected = t.name === target ? planned.after : t;
                expect(rowsOf(after, t.name)).toEqual(expected.rows);
                if (t.name !== target) {
                  expect((after.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t.name) as Row)['sql']).toBe(sqlBefore[t.name]);
                }
              }
              expect(after.pragma('foreign_key_check')).toEqual([]);
              expect(after.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
              const described = sqliteSays(after, target);
              expect(described).toEqual(expectedDescription(describedBefore, planned.after));
              const sql = String((after.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(target) as Row)['sql']);
              expect(constraintNames(sql)).toEqual(expectedNames(planned.after));
              expect(
                probe(
                  after,
                  planned.after,
                  tables.map((t) => (t.name === target ? planned.after : t)),
                  planned.dropped,
                ),
              ).toEqual([]);
            } finally {
              after.close();
            }
          } finally {
            if (db.open) db.close();
            await database.drop();
            fs.rmSync(dir, { recursive: true, force: true });
          }
        }),
        { seed, numRuns: RUNS },
      );
      // Generous: a few hundred migrations on a machine that may be busy; the property has no timing in it.
    }, 600_000);
  });
}

/** The named constraints the table should have. */
function expectedNames(t: Table): string[] {
  const names = t.constraints.filter((k) => k.name).map((k) => k.name!);
  if (t.pk === 'named') names.push(`p_${t.name}`);
  return names.sort();
}

/** What SQLite should say of the changed table: as before, with the change applied to it. */
function expectedDescription(before: ReturnType<typeof sqliteSays>, t: Table): ReturnType<typeof sqliteSays> {
  const literal = (v: Value | undefined) => (v === undefined ? null : typeof v === 'string' ? `'${v}'` : String(v));
  const columns = [
    before.columns[0],
    ...t.columns.map((col) => ({ name: col.name, type: col.type, notnull: col.notNull ? 1 : 0, dflt: literal(col.default), pk: 0 })),
  ];
  const foreignKeys = t.constraints
    .filter((k) => k.kind === 'fk')
    .map((k) => `${k.column} -> ${k.parent}(id) ON DELETE ${k.onDelete} ON UPDATE ${k.onUpdate}`)
    .sort();
  // Unique constraints are SQLite's automatic indexes; a primary key on a column that is not the rowid is one too.
  const keyIndexes = before.indexes.filter((i) => i.startsWith('pk'));
  // SQLite makes one index for two unique constraints on the same columns.
  const uniques = [...new Set(t.constraints.filter((k) => k.kind === 'unique').map((k) => `u unique (${k.column})`))];
  const indexes = t.indexes.map(
    (i) => `${i.name} c${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''} (${i.expression ? '(expression)' : i.column})`,
  );
  return { columns, foreignKeys, indexes: [...keyIndexes, ...uniques, ...indexes].sort() };
}
