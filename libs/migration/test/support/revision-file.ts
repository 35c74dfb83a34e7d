/**
 * A `.ts` revision file as `revision` writes one, whose upgrade runs `body` (one statement per
 * line) and whose downgrade does nothing: for specs that need revisions that fail, hang or get
 * killed at a known line.
 */
export function revisionFile(id: string, down: string | null, body: string[]): string {
  return [
    '/**',
    ` * ${id}`,
    ' */',
    "import type { MigrationOps } from '@nest-migrate/migration';",
    '',
    `export const revision = '${id}';`,
    `export const downRevision: string | string[] | null = ${down === null ? 'null' : `'${down}'`};`,
    'export const branchLabels: string | string[] | null = null;',
    'export const dependsOn: string | string[] | null = null;',
    '',
    'export async function upgrade(op: MigrationOps): Promise<void> {',
    ...body.map((line) => `  ${line}`),
    '}',
    '',
    'export async function downgrade(op: MigrationOps): Promise<void> {}',
    '',
  ].join('\n');
}
