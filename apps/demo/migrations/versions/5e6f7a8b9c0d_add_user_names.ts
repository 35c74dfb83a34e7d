/**
 * Add user names
 *
 * Revision ID: 5e6f7a8b9c0d
 * Revises: 1975ea83b712
 * Create Date: 2026-11-25 10:15:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '5e6f7a8b9c0d';
export const downRevision: string | string[] | null = '1975ea83b712';
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.addColumn('users', { name: 'name', type: 'varchar(100)', nullable: false, serverDefault: '' });
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.dropColumn('users', 'name');
}
