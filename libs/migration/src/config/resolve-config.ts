import type { FileSystem } from './file-system';
import { DEFAULT_LOCK_TIMEOUT_MS, MigrationConfig } from './migration-config';

/** The configuration a command runs with: a `MigrationConfig` with every default filled in. */
export interface ResolvedConfig extends MigrationConfig {
  fs: FileSystem;
  xArguments: Record<string, string>;
  lockTimeoutMs: number;
}

/**
 * The complete configuration, resolved once as a command starts: what the config leaves out
 * takes its default. Ports come from the caller, so this layer imports nothing of the others.
 * @param ports the defaults of the ports (`NodeFileSystem` for the real file system)
 */
export function resolveConfig(config: MigrationConfig, ports: { fs: () => FileSystem }): ResolvedConfig {
  return {
    ...config,
    fs: config.fs ?? ports.fs(),
    xArguments: config.xArguments ?? {},
    lockTimeoutMs: config.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
  };
}

/** What autogenerate does when not told otherwise (the `MigrationModule` options of the same names). */
export const AUTOGENERATE_DEFAULTS = {
  /** As in Flask-Migrate. */
  renderAsBatch: true,
  compareType: true,
  /** As TypeORM's `synchronize` compares them. */
  compareServerDefault: true,
  includeSchemas: false,
} as const;

/** The switches `AUTOGENERATE_DEFAULTS` fills in, as autogenerate's options spell them. */
export interface AutogenerateSwitches {
  renderAsBatch?: boolean;
  compareType?: unknown;
  compareServerDefault?: unknown;
  includeSchemas?: boolean;
}

/** Autogenerate's options with the defaults filled in, resolved once where the command starts. */
export function resolveAutogenerateOptions<T extends AutogenerateSwitches>(
  options: T,
): T & {
  renderAsBatch: boolean;
  includeSchemas: boolean;
  compareType: NonNullable<T['compareType']> | true;
  compareServerDefault: NonNullable<T['compareServerDefault']> | true;
} {
  return {
    ...options,
    renderAsBatch: options.renderAsBatch ?? AUTOGENERATE_DEFAULTS.renderAsBatch,
    compareType: options.compareType ?? AUTOGENERATE_DEFAULTS.compareType,
    compareServerDefault: options.compareServerDefault ?? AUTOGENERATE_DEFAULTS.compareServerDefault,
    includeSchemas: options.includeSchemas ?? AUTOGENERATE_DEFAULTS.includeSchemas,
  };
}
