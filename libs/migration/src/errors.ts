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
