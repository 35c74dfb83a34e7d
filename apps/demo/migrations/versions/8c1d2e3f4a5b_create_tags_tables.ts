/**
 * Create tags tables
 *
 * Tags and the post_tags join table, on their own branch.
 *
 * Revision ID: 8c1d2e3f4a5b
 * Revises: 1975ea83b712
 * Create Date: 2026-11-25 10:10:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '8c1d2e3f4a5b';
export const downRevision: string | string[] | null = '1975ea83b712';
export const branchLabels: string | string[] | null = 'tags';
export const dependsOn: string | string[] | null = null;

const serialKey = { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'SERIAL PRIMARY KEY', mysql: 'INT AUTO_INCREMENT PRIMARY KEY' };

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute(`CREATE TABLE tags (id ${serialKey[op.dialect]}, name VARCHAR(50) NOT NULL UNIQUE)`);
  await op.execute(
    'CREATE TABLE post_tags (post_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, PRIMARY KEY (post_id, tag_id), ' +
      'CONSTRAINT fk_post_tags_post_id_posts FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE, ' +
      'CONSTRAINT fk_post_tags_tag_id_tags FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE)',
  );
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE post_tags');
  await op.execute('DROP TABLE tags');
}
