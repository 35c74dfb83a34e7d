/**
 * Create users table
 *
 * Revision ID: 3f2a9c01d4e5
 * Revises:
 * Create Date: 2026-11-25 10:00:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '3f2a9c01d4e5';
export const downRevision: string | string[] | null = null;
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

const serialKey = { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'SERIAL PRIMARY KEY', mysql: 'INT AUTO_INCREMENT PRIMARY KEY' };

export async function upgrade(op: MigrationOps): Promise<void> {
  await op.execute(
    `CREATE TABLE users (id ${serialKey[op.dialect]}, email VARCHAR(255) NOT NULL UNIQUE, ` +
      'created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)',
  );
}

export async function downgrade(op: MigrationOps): Promise<void> {
  await op.execute('DROP TABLE users');
}
