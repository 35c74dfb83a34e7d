import type { DataSource, EntityMetadata, NamingStrategyInterface } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { Dialect } from '../operations/migration-ops';
import { DEFAULT_NAMING_CONVENTION, NamingConvention } from '../operations/naming-convention';
import { columnModel, enumLabels, isEnumColumn } from './entity-columns';
import { distinctNames, ElementNamer } from './entity-names';
import {
  CheckConstraintModel,
  DatabaseSchema,
  ForeignKeyModel,
  IndexModel,
  qualifiedName,
  ReferentialAction,
  TableModel,
  UniqueConstraintModel,
} from '../dialects/schema-model';
import { dialectFor } from '../dialects/registry';

export interface EntitySchemaOptions {
  /**
   * Templates replacing the defaults, kind by kind (as `MigrationConfig.namingConvention`), or
   * a convention naming by a TypeORM naming strategy (`namingConvention: 'typeorm'`).
   */
  readonly namingConvention?: NamingConvention;
  /**
   * PostgreSQL: the database's `current_schema()`. An entity in this schema (named by `@Entity` or
   * by the DataSource's `schema` option) is then modelled without one, as the database side is.
   */
  readonly defaultSchema?: string;
}

/**
 * The schema the entities describe, in the same dialect-neutral model `introspect` reads from a
 * live database, so the two can be compared. Constraint and index names come from the naming
 * convention (as our migrations create them) unless the entity gives one explicitly; TypeORM's
 * hashed names (`PK_...`, `FK_...`, `IDX_...`) are used only with the `typeorm` convention. Names
 * the convention makes are distinct across the schema (see entity-names.ts), so
 * generate -> upgrade -> generate finds no differences.
 * @param dataSource a DataSource whose metadata is built: initialised, or its metadata built
 *   (`buildMetadatas()`, which this calls when no metadata is there yet)
 * @param dialect the dialect the migrations run on (types and defaults are spelt for it)
 */
export async function entitySchema(dataSource: DataSource, dialect: Dialect, options: EntitySchemaOptions = {}): Promise<DatabaseSchema> {
  if (!dataSource.isInitialized && dataSource.entityMetadatas.length === 0) {
    // buildMetadatas is protected in TypeORM 0.3; it only reads decorators and connects nothing.
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  }
  const convention = { ...DEFAULT_NAMING_CONVENTION, ...options.namingConvention };
  const schemaOf = (entity: EntityMetadata): string | undefined =>
    entity.schema === options.defaultSchema ? undefined : entity.schema || undefined;
  const tables = new Map<string, TableModel>();
  const enums = new Map<string, readonly string[]>();
  for (const entity of dataSource.entityMetadatas) {
    // Views have no table; single-table-inheritance children share their parent's table.
    if (entity.tableType === 'view' || entity.tableType === 'entity-child') continue;
    const key = qualifiedName(schemaOf(entity), entity.tableName);
    if (tables.has(key)) continue;
    const namer = new ElementNamer(convention, entity.tableName);
    tables.set(key, tableModel(entity, dialect, namer, enums, schemaOf, dataSource.namingStrategy));
  }
  return { dialect, tables: distinctNames(tables), enums };
}

function tableModel(
  entity: EntityMetadata,
  dialect: Dialect,
  namer: ElementNamer,
  enums: Map<string, readonly string[]>,
  schemaOf: (entity: EntityMetadata) => string | undefined,
  strategy: NamingStrategyInterface,
): TableModel {
  const table = entity.tableName;
  const schema = schemaOf(entity);
  const columns = entity.columns
    .filter((c) => !c.isVirtualProperty)
    .map((c) => ({
      ...columnModel(c, table, schema, dialect, enums),
      ...renamedFrom(c, strategy),
    }));
  const keyColumns = entity.primaryColumns.map((c) => c.databaseName);
  const keyName = entity.primaryColumns.find((c) => c.primaryKeyConstraintName)?.primaryKeyConstraintName;
  // A one-to-one's unique key is named by TypeORM (REL_...), not by the entity. The name is a
  // hash, so it is computed only for an element that has a given name to tell apart.
  const givenBy = (given: string | undefined, cols: string[]) =>
    given === undefined || given === strategy.relationConstraintName(table, cols) ? undefined : given;

  const uniqueConstraints: UniqueConstraintModel[] = entity.uniques.map((u) => {
    const cols = u.columns.map((c) => c.databaseName);
    const { name, generatedName } = namer.name('uq', givenBy(u.givenName, cols), u.name, { columns: cols });
    return { name, columns: cols, ...(generatedName ? { generatedName } : {}) };
  });
  const indexes: IndexModel[] = entity.indices
    .filter((i) => i.synchronize !== false)
    .map((i) => {
      const cols = i.columns.map((c) => c.databaseName);
      // MySQL has no partial indexes; TypeORM creates the index without its condition there.
      const where = i.where && dialectFor(dialect).schema.hasPartialIndexes ? { where: i.where } : {};
      const { name, generatedName } = namer.name('ix', givenBy(i.givenName, cols), i.name, { columns: cols, ...where });
      return {
        name: name as string,
        columns: cols,
        unique: i.isUnique,
        ...where,
        ...(generatedName ? { generatedName } : {}),
        typeormName: i.name,
      };
    });
  const foreignKeys: ForeignKeyModel[] = entity.foreignKeys.map((fk) => {
    const referred = fk.referencedEntityMetadata;
    const cols = fk.columnNames;
    const referredColumns = fk.referencedColumnNames;
    const referredSchema = schemaOf(referred);
    const { name, generatedName } = namer.name('fk', fk.givenName ?? undefined, fk.name, {
      columns: cols,
      referredTable: referred.tableName,
      referredColumns,
    });
    return {
      name,
      ...(generatedName ? { generatedName } : {}),
      columns: cols,
      ...(referredSchema === undefined ? {} : { referredSchema }),
      referredTable: referred.tableName,
      referredColumns,
      onDelete: action(fk.onDelete),
      onUpdate: action(fk.onUpdate),
    };
  });
  const columnNames = columns.map((c) => c.name);
  const checkConstraints: CheckConstraintModel[] = [
    ...entity.checks.map((c) => namer.check(c.givenName, c.name, c.expression, columnNames)),
    ...(dialectFor(dialect).schema.enumStyle === 'check'
      ? entity.columns.filter(isEnumColumn).map((c) => namer.check(undefined, undefined, enumCondition(c), columnNames, true))
      : []),
  ];

  return {
    name: table,
    ...(schema === undefined ? {} : { schema }),
    ...(entity.comment ? { comment: entity.comment } : {}),
    ...renamedTableFrom(entity, strategy),
    columns,
    ...(keyColumns.length
      ? { primaryKey: { name: namer.name('pk', keyName, undefined, { columns: keyColumns }).name, columns: keyColumns } }
      : {}),
    uniqueConstraints,
    indexes,
    foreignKeys,
    checkConstraints,
  };
}

/**
 * SQLite has no enum type: TypeORM keeps an enum column's values with a CHECK on the column,
 * and so do we, as a named table check, so a changed list of values is seen and applied.
 */
function enumCondition(column: ColumnMetadata): string {
  const values = enumLabels(column).map((v) => `'${v.replace(/'/g, "''")}'`);
  return `"${column.databaseName.replace(/"/g, '""')}" IN (${values.join(', ')})`;
}

/**
 * The column's default name when the entity names it otherwise: what TypeORM's naming strategy
 * derives from the property (with its embedded prefixes), which a database built before the
 * rename still has. Relation columns are named from the relation, so they are left out.
 */
function renamedFrom(column: ColumnMetadata, strategy: NamingStrategyInterface): { defaultName?: string } {
  if (column.givenDatabaseName === undefined || column.relationMetadata) return {};
  const prefixes = column.embeddedMetadata ? column.embeddedMetadata.parentPrefixes : [];
  const defaultName = strategy.columnName(column.propertyName, undefined, prefixes);
  return defaultName === column.databaseName ? {} : { defaultName };
}

/** The table's default name (from the class name, with the DataSource's prefix) when the entity names the table otherwise. */
function renamedTableFrom(entity: EntityMetadata, strategy: NamingStrategyInterface): { defaultName?: string } {
  if (!entity.givenTableName || entity.tableType !== 'regular' || !entity.targetName) return {};
  const prefix = entity.connection.options.entityPrefix;
  const unprefixed = strategy.tableName(entity.targetName, undefined);
  const defaultName = prefix ? strategy.prefixTableName(prefix, unprefixed) : unprefixed;
  return defaultName === entity.tableName ? {} : { defaultName };
}

function action(value: string | undefined): ReferentialAction {
  return (value ?? 'NO ACTION').toUpperCase() as ReferentialAction;
}
