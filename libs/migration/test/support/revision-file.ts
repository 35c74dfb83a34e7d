/** What else a revision file holds: its message, its downgrade's lines and its line ends. */
export interface RevisionFileOptions {
  /** The header comment's message (by default the id). */
  message?: string;
  /** The downgrade's statements, one per line (by default none). */
  downgrade?: string[];
  /** '\r\n' writes the file as a Windows checkout would. */
  eol?: string;
}

/**
 * A `.ts` revision file as `revision` writes one, whose upgrade runs `body` (one statement per
 * line): for specs that need revisions that fail, hang or get killed at a known line.
 */
export function revisionFile(id: string, down: string | null, body: string[], options: RevisionFileOptions = {}): string {
  const { message = id, downgrade = [], eol = '\n' } = options;
  return [
    '/**',
    ` * ${message}`,
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
    ...(downgrade.length === 0
      ? ['export async function downgrade(op: MigrationOps): Promise<void> {}']
      : ['export async function downgrade(op: MigrationOps): Promise<void> {', ...downgrade.map((line) => `  ${line}`), '}']),
    '',
  ].join(eol);
}
