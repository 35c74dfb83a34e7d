/**
 * Create posts table
 *
 * Revision ID: 1975ea83b712
 * Revises: 3f2a9c01d4e5
 * Create Date: 2026-11-25 10:05:00.000000
 */
import { foreignKey, index } from '@nest-migrate/migration';
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '1975ea83b712';
export const downRevision: string | string[] | null = '3f2a9c01d4e5';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.createTable('posts', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'title', type: 'varchar(200)', nullable: false },
    { name: 'body', type: 'text', nullable: false },
    { name: 'author_id', type: 'integer', nullable: false },
    foreignKey('author_id', 'users', 'id', { onDelete: 'CASCADE' }),
    index('author_id'),
  ]);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropTable('posts');
}
