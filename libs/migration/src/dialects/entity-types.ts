/**
 * How TypeORM's `synchronize` makes an entity's columns on a database: what autogenerate needs
 * to turn entity metadata into the types and defaults the database will then report.
 */
export interface EntityTypeRules {
  /** TypeORM spellings that mean another portable type here than on other databases (`float` is single precision on MySQL). */
  readonly spellings: Readonly<Record<string, string>>;
  /** The type an `increment` key has whatever the entity names (SQLite allows AUTOINCREMENT on INTEGER only), or undefined. */
  readonly autoincrementType: string | undefined;
  /** The type of a property whose design type is Object (`json`; PostgreSQL's `jsonb`). */
  readonly objectType: string;
  /** The database has a uuid type; elsewhere a uuid is a varchar. */
  readonly hasUuidType: boolean;
  /** Without a uuid type: the varchar length of a generated uuid key ('' for none). */
  readonly generatedUuidLength: string;
  /** The server default of a generated uuid key (PostgreSQL's `gen_random_uuid()`), or undefined where TypeORM makes the value. */
  readonly uuidDefault: string | undefined;
  /** A column may be an array (`isArray`). */
  readonly hasArrays: boolean;
  /** A number column may be UNSIGNED. */
  readonly hasUnsigned: boolean;
  /** The length TypeORM gives a VARCHAR that names none ('' for none). */
  readonly defaultVarcharLength: string;
  /** The length of a CHAR that names none ('' for none). */
  readonly defaultCharLength: string;
  /** A temporal type takes a fractional-seconds precision. */
  readonly hasFractionalSeconds: boolean;
  /** A boolean `default` as TypeORM writes it. */
  booleanDefault(value: boolean): string;
}
