// The README's "Extending op" example, as a user would write it: importing only the public entry.
import { implementationFor, MigrateOperation, NotInvertibleError, registerOperation, rendererFor } from '@nest-migrate/migration';

declare module '@nest-migrate/migration' {
  interface MigrationOps {
    createView(viewName: string, select: string): Promise<void>;
    dropView(viewName: string, select?: string): Promise<void>;
  }
}

export class CreateViewOp extends MigrateOperation {
  constructor(
    readonly viewName: string,
    readonly select: string,
  ) {
    super();
  }

  reverse(): DropViewOp {
    return new DropViewOp(this.viewName, this.select);
  }
}

export class DropViewOp extends MigrateOperation {
  constructor(
    readonly viewName: string,
    readonly select?: string,
  ) {
    super();
  }

  reverse(): CreateViewOp {
    if (this.select === undefined) throw new NotInvertibleError(`dropView('${this.viewName}')`, 'pass the select it had');
    return new CreateViewOp(this.viewName, this.select);
  }
}

registerOperation('createView', CreateViewOp);
registerOperation('dropView', DropViewOp);
implementationFor(CreateViewOp, (op, { quoteIdentifier }) => `CREATE VIEW ${quoteIdentifier(op.viewName)} AS ${op.select}`);
implementationFor(DropViewOp, (op, { quoteIdentifier }) => `DROP VIEW ${quoteIdentifier(op.viewName)}`);
rendererFor(CreateViewOp, (op, { receiver, literal }) => `await ${receiver}.createView(${literal(op.viewName)}, ${literal(op.select)});`);
rendererFor(DropViewOp, (op, { receiver, literal }) => `await ${receiver}.dropView(${literal(op.viewName)}, ${literal(op.select)});`);
