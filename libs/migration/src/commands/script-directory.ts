import type { MigrationConfig } from '../config/migration-config';
import { NodeFileSystem } from '../script/node-file-system';
import { ScriptDirectory } from '../script/script-directory';
import { Output, SILENT_OUTPUT } from './output';

// Apart from environment.ts, which loads the runtime and every dialect: the graph commands the
// fast path answers import only this, the graph and the script layer.

/** The migrations directory of a configuration, checked to exist. */
export function scriptDirectory(
  config: Pick<MigrationConfig, 'directory' | 'versionLocations' | 'fs'>,
  output: Output = SILENT_OUTPUT,
): ScriptDirectory {
  return new ScriptDirectory({
    directory: config.directory,
    versionLocations: config.versionLocations,
    fs: config.fs ?? new NodeFileSystem(),
    warn: (line) => output.warn(line),
  }).assertExists();
}
