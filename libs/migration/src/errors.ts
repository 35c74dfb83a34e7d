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
