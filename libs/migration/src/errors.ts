/**
 * Base class of every error nest-migrate raises on purpose. Its message is one line
 * that names the thing at fault and what to do; the CLI prints it without a stack.
 */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A command could not do what was asked (bad argument, inconsistent history...). */
export class CommandError extends MigrationError {}

/**
 * An error's message. Not by `instanceof Error`: a revision file runs in the process's own
 * realm, which is not the caller's under a test runner's sandbox.
 */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/**
 * TypeORM's error when it cannot load a driver package (`pg`, `mysql2`, `better-sqlite3`), as
 * one line naming the package to install; anything else is not recognised (undefined).
 *
 * TypeORM throws it from `new DataSource(...)`, which @nestjs/typeorm calls while the app boots,
 * so the CLI meets it outside any command. The drivers are optional peer dependencies: the
 * app installs the one its database needs. TypeORM reports a package that is installed but
 * will not load (a native module built for another Node.js) the same way.
 */
export function missingDriverError(error: unknown): MigrationError | undefined {
  if ((error as { name?: unknown } | null)?.name !== 'DriverPackageNotInstalledError') return undefined;
  // 0.3: `... Try to install it: npm install pg --save`; 1.x: `... Please run "npm install pg".`
  const packageName = /npm install ([^\s"]+)/.exec(messageOf(error))?.[1];
  if (packageName === undefined) return undefined;
  return new MigrationError(
    `TypeORM could not load the database driver package '${packageName}'; install it in the app: npm install ${packageName}`,
    { cause: error },
  );
}
