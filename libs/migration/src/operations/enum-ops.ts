import { MigrateOperation, NotInvertibleError } from './migrate-operation';
import type { TableOptions } from './table-ops';

/** PostgreSQL `CREATE TYPE ... AS ENUM`. */
export class CreateEnumTypeOp extends MigrateOperation {
  constructor(
    readonly typeName: string,
    readonly values: readonly string[],
    readonly options: TableOptions = {},
  ) {
    super();
  }

  reverse(): DropEnumTypeOp {
    return new DropEnumTypeOp(this.typeName, { schema: this.options.schema, existingValues: this.values });
  }
}

export class DropEnumTypeOp extends MigrateOperation {
  constructor(
    readonly typeName: string,
    readonly options: TableOptions & { existingValues?: readonly string[] } = {},
  ) {
    super();
  }

  reverse(): CreateEnumTypeOp {
    const { schema, existingValues } = this.options;
    if (!existingValues) throw new NotInvertibleError(`dropEnumType('${this.typeName}')`, 'pass existingValues');
    return new CreateEnumTypeOp(this.typeName, existingValues, { schema });
  }
}

export interface AddEnumValueOptions extends TableOptions {
  before?: string;
  after?: string;
  ifNotExists?: boolean;
}

/** PostgreSQL `ALTER TYPE ... ADD VALUE`; PostgreSQL cannot remove an enum value, so it has no reverse. */
export class AddEnumValueOp extends MigrateOperation {
  constructor(
    readonly typeName: string,
    readonly value: string,
    readonly options: AddEnumValueOptions = {},
  ) {
    super();
  }

  reverse(): never {
    throw new NotInvertibleError(
      `addEnumValue('${this.typeName}', '${this.value}')`,
      'PostgreSQL cannot remove a value from an enum; recreate the type in the downgrade',
    );
  }
}
