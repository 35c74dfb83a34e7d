// Named after the file `init --multidb` writes from it (`script.ts.tmpl`), so a reader finds its source here.
// Kept as a TypeScript string so that tsc ships it in dist and Jest loads it without a copy step.
import { REVISION_DECLARATIONS } from '../generic/script.ts.tmpl';

/**
 * The revision template for one history managing several databases (Alembic's multidb
 * `script.py.mako`). It takes the generic template's placeholders, and repeats the lines
 * between `${each database}` and `${end}` for every database in the module's `databases`
 * option, in order, with:
 *
 * - `${database}`: the database's name (a DataSource name, usable in a function name);
 * - `${upgradeBody}`, `${downgradeBody}`: that database's function bodies, `{}` when empty.
 */
export const MULTIDB_SCRIPT_TEMPLATE = `${REVISION_DECLARATIONS}\${each database}

export async function upgrade_\${database}(op: MigrationOps): Promise<void> \${upgradeBody}
export async function downgrade_\${database}(op: MigrationOps): Promise<void> \${downgradeBody}
\${end}
`;
