/**
 * Create users table
 *
 * Revision ID: 3f2a9c01d4e5
 * Revises:
 * Create Date: 2026-11-25 10:00:00.000000
 */
import { sqlText } from '@nest-migrate/migration';
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '3f2a9c01d4e5';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  // What TypeORM's @CreateDateColumn is: on MySQL with microseconds, DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6).
  const microseconds = op.dialect === 'mysql';
  await op.createTable('users', [
    { name: 'id', type: 'integer', primaryKey: true, autoincrement: true },
    { name: 'email', type: 'varchar(255)', nullable: false, unique: true },
    {
      name: 'created_at',
      type: microseconds ? 'timestamp(6)' : 'timestamp',
      nullable: false,
      serverDefault: sqlText(microseconds ? 'CURRENT_TIMESTAMP(6)' : 'CURRENT_TIMESTAMP'),
    },
  ]);
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropTable('users');
}
