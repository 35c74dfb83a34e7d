/**
 * Merge tags and user names
 *
 * Revision ID: 9a0b1c2d3e4f
 * Revises: 8c1d2e3f4a5b, 5e6f7a8b9c0d
 * Create Date: 2026-11-25 10:20:00.000000
 */
import type { MigrationOps } from '@nest-migrate/migration';

export const revision = '9a0b1c2d3e4f';
export const downRevision: string | string[] | null = ['8c1d2e3f4a5b', '5e6f7a8b9c0d'];
export const branchLabels: string | string[] | null = null;
export const dependsOn: string | string[] | null = null;

export async function upgrade(_op: MigrationOps): Promise<void> {}

export async function downgrade(_op: MigrationOps): Promise<void> {}
