/**
 * Create posts table
 *
 * Revision ID: 1975ea83b712
 * Revises: 3f2a9c01d4e5
 * Create Date: 2026-11-25 10:05:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '1975ea83b712';
export const downRevision: string | string[] | null = '3f2a9c01d4e5';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

const serialKey = { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'SERIAL PRIMARY KEY', mysql: 'INT AUTO_INCREMENT PRIMARY KEY' };

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute(
    `CREATE TABLE posts (id ${serialKey[op.dialect]}, title VARCHAR(200) NOT NULL, body TEXT NOT NULL, ` +
      'author_id INTEGER NOT NULL, CONSTRAINT fk_posts_author_id_users FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE)',
  );
  await op.execute('CREATE INDEX ix_posts_author_id ON posts (author_id)');
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE posts');
}
