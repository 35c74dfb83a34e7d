import { configList, Configs } from './databases';
import { withEnvironment } from './environment';
import { SILENT_OUTPUT } from './output';

/**
 * Creates the version table if it does not exist yet, and nothing else (Alembic's
 * `ensure_version_table`), e.g. for a database provisioned before its first deployment; in
 * every database, with several configurations.
 */
export async function ensureVersionTable(configs: Configs): Promise<void> {
  for (const config of configList(configs)) {
    await withEnvironment(config, { offline: false, output: SILENT_OUTPUT }, ({ versionTable }) => versionTable.ensure());
  }
}
