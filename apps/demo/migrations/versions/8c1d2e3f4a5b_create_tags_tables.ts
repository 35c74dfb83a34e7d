/**
 * Create tags tables
 *
 * Tags and the post_tags join table, on their own branch.
 *
 * Revision ID: 8c1d2e3f4a5b
 * Revises: 1975ea83b712
 * Create Date: 2026-11-25 10:10:00.000000
 */
import { foreignKey, index, primaryKey } from '@nest-migrate/migration';
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '8c1d2e3f4a5b';
export const downRevision: string | string[] | null = '1975ea83b712';
export const branchLabels: string | string[] | null = 'tags';
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.createTable('tags', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'name', type: 'varchar(50)', nullable: false, unique: true },
  ]);
  await op.createTable('post_tags', [
    { name: 'post_id', type: 'integer', nullable: false },
    { name: 'tag_id', type: 'integer', nullable: false },
    primaryKey(['post_id', 'tag_id']),
    // What TypeORM's @ManyToMany/@JoinTable gives Post.tags, so `check` finds nothing: the owner's
    // key cascades both ways, the inverse side's (Tag.posts declares no onDelete) keeps the defaults,
    // and each join column has its own index.
    foreignKey('post_id', 'posts', 'id', { onDelete: 'CASCADE', onUpdate: 'CASCADE' }),
    foreignKey('tag_id', 'tags', 'id'),
    index('post_id'),
    index('tag_id'),
  ]);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropTable('post_tags');
  await op.dropTable('tags');
}
