// Writes synthetic revision histories for the graph benchmark, as TypeScript revision
// files for nest-migrate and the same graph as Python files for Alembic.
const fs = require('node:fs');
const path = require('node:path');

/** Deterministic 12-hex-digit ids (mulberry32), so runs are comparable. */
function idGenerator(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return () => (next() + next()).slice(0, 12);
}

/**
 * The graph as [{ revision, downRevision }]: `linear` is one chain; `branchy` forks every
 * ten revisions into two lines of four that merge again, so a tenth of the revisions are
 * branch or merge points.
 */
function buildGraph(shape, count, seed = 42) {
  const nextId = idGenerator(seed);
  const revisions = [];
  let tip = null;
  const add = (downRevision) => {
    const revision = nextId();
    revisions.push({ revision, downRevision });
    return revision;
  };
  while (revisions.length < count) {
    const room = count - revisions.length;
    if (shape === 'branchy' && revisions.length % 10 === 0 && room >= 9) {
      let left = tip;
      let right = tip;
      for (let i = 0; i < 4; i++) {
        left = add(left);
        right = add(right);
      }
      tip = add([left, right]);
    } else {
      tip = add(tip);
    }
  }
  return revisions;
}

const literal = (value) => (value === null ? 'null' : JSON.stringify(value).replace(/"/g, "'"));
const pyLiteral = (value) => (value === null ? 'None' : Array.isArray(value) ? `(${value.map((v) => `'${v}'`).join(', ')})` : `'${value}'`);

function writeTypeScript(dir, revisions) {
  const versions = path.join(dir, 'versions');
  fs.mkdirSync(versions, { recursive: true });
  revisions.forEach(({ revision, downRevision }, i) => {
    const text = `/**
 * Step ${i}
 *
 * Revision ID: ${revision}
 * Revises: ${downRevision === null ? '' : [].concat(downRevision).join(', ')}
 * Create Date: 2026-11-25 10:00:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '${revision}';
export const downRevision: string | string[] | null = ${literal(downRevision)};
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute('CREATE TABLE t_${revision} (id INTEGER PRIMARY KEY)');
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE t_${revision}');
}
`;
    fs.writeFileSync(path.join(versions, `${revision}_step_${i}.ts`), text);
  });
}

/**
 * The same graph as Alembic revision modules in `<dir>/versions`, with an empty `script.py.mako`.
 * Each runs `statements(revision)`: by default a one-column CREATE TABLE and its DROP.
 */
function writePython(dir, revisions, statements = tableStatements) {
  const versions = path.join(dir, 'versions');
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(dir, 'script.py.mako'), '');
  revisions.forEach(({ revision, downRevision }, i) => {
    const text = `"""Step ${i}

Revision ID: ${revision}
Revises: ${downRevision === null ? '' : [].concat(downRevision).join(', ')}
Create Date: 2026-11-25 10:00:00.000000

"""
from alembic import op

revision = '${revision}'
down_revision = ${pyLiteral(downRevision)}
branch_labels = None
depends_on = None


def upgrade():
    op.execute('${statements(revision).upgrade}')


def downgrade():
    op.execute('${statements(revision).downgrade}')
`;
    fs.writeFileSync(path.join(versions, `${revision}_step_${i}.py`), text);
  });
}

function tableStatements(revision) {
  return { upgrade: `CREATE TABLE t_${revision} (id INTEGER PRIMARY KEY)`, downgrade: `DROP TABLE t_${revision}` };
}

module.exports = { buildGraph, writeTypeScript, writePython };
