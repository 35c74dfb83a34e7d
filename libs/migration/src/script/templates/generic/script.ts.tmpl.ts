// Named after the file `init` writes from it (`script.ts.tmpl`), so a reader finds its source here.
// Kept as a TypeScript string so that tsc ships it in dist and Jest loads it without a copy step.

/** The header comment, imports and graph declarations every built-in template starts with. */
export const REVISION_DECLARATIONS = `/**
 * \${message}
 *
 * Revision ID: \${revision}
 * Revises: \${revises}
 * Create Date: \${createDate}
 */
\${imports}import type { MigrationOps } from '@nest-migrate/migration';

export const revision = \${revisionLiteral};
export const downRevision: string | string[] | null = \${downRevisionLiteral};
export const branchLabels: string | string[] | null = \${branchLabelsLiteral};
export const dependsOn: string | string[] | null = \${dependsOnLiteral};
`;

/**
 * The revision template (Alembic's `script.py.mako`). `renderTemplate` fills the placeholders:
 *
 * - `${message}`: the message, formatted for a ` * ` line of a doc comment;
 * - `${revision}`, `${revises}` (comma-separated, empty for a base), `${createDate}`: for the comment;
 * - `${revisionLiteral}`, `${downRevisionLiteral}`, `${branchLabelsLiteral}`, `${dependsOnLiteral}`:
 *   TypeScript literals (`null`, `'id'` or `['a', 'b']`);
 * - `${upgradeBody}`, `${downgradeBody}`: a function body, `{}` when empty;
 * - `${imports}`: the value imports generated code needs (a whole line), empty otherwise.
 */
export const GENERIC_SCRIPT_TEMPLATE = `${REVISION_DECLARATIONS}
export async function upgrade(op: MigrationOps): Promise<void> \${upgradeBody}
export async function downgrade(op: MigrationOps): Promise<void> \${downgradeBody}
`;
