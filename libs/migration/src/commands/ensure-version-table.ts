import { MigrationConfig } from '../config/migration-config';
import { withEnvironment } from './environment';
import { SILENT_OUTPUT } from './output';

/**
 * Creates the version table if it does not exist yet, and nothing else (Alembic's
 * `ensure_version_table`), e.g. for a database provisioned before its first deployment.
 */
export async function ensureVersionTable(config: MigrationConfig): Promise<void> {
  await withEnvironment(config, { offline: false, output: SILENT_OUTPUT }, ({ versionTable }) => versionTable.ensure());
}
