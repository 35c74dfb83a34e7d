import 'reflect-metadata';
import {
  Column,
  CreateDateColumn,
  DataSource,
  DeleteDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Dialect } from '../operations/migration-ops';
import { entitySchema } from './entity-schema';
import type { ColumnModel, DatabaseSchema } from '../dialects/schema-model';

/** The entities' schema for `dialect`, from metadata TypeORM builds for that driver (never connected). */
async function model(entities: Function[], dialect: Dialect): Promise<DatabaseSchema> {
  const type = dialect === 'sqlite' ? 'better-sqlite3' : dialect;
  const dataSource = new DataSource({ type, database: ':memory:', entities } as never);
  return entitySchema(dataSource, dialect);
}

function columns(schema: DatabaseSchema, table: string): Record<string, ColumnModel> {
  return Object.fromEntries((schema.tables.get(table)?.columns ?? []).map((c) => [c.name, c]));
}

describe('entity columns as synchronize creates them', () => {
  it('MySQL date columns: DATETIME(6), CURRENT_TIMESTAMP(6), and ON UPDATE for the update date', async () => {
    @Entity('stamped')
    class Stamped {
      @PrimaryGeneratedColumn() id!: number;
      @CreateDateColumn() createdAt!: Date;
      @UpdateDateColumn() updatedAt!: Date;
      @DeleteDateColumn() deletedAt!: Date | null;
      @VersionColumn() version!: number;
      @Column({ type: 'datetime', precision: 3, nullable: true }) seenAt!: Date | null;
      @Column({ nullable: true }) plain!: Date;
    }
    const mysql = columns(await model([Stamped], 'mysql'), 'stamped');
    expect(mysql['createdAt']).toMatchObject({
      type: 'timestamp(6)',
      rawType: 'DATETIME(6)',
      serverDefault: 'CURRENT_TIMESTAMP(6)',
      nullable: false,
    });
    expect(mysql['createdAt'].onUpdate).toBeUndefined();
    expect(mysql['updatedAt']).toMatchObject({
      type: 'timestamp(6)',
      serverDefault: 'CURRENT_TIMESTAMP(6)',
      onUpdate: 'CURRENT_TIMESTAMP(6)',
    });
    expect(mysql['deletedAt']).toMatchObject({ type: 'timestamp(6)', nullable: true });
    expect(mysql['version']).toMatchObject({ type: 'integer', nullable: false });
    expect(mysql['seenAt'].type).toBe('timestamp(3)');
    expect(mysql['plain'].type).toBe('timestamp');
  });

  it('PostgreSQL date columns: TIMESTAMP with now(), no ON UPDATE (MySQL has it alone), precision where given', async () => {
    @Entity('stamped')
    class Stamped {
      @PrimaryGeneratedColumn() id!: number;
      @UpdateDateColumn() updatedAt!: Date;
      @Column({ type: 'timestamptz', precision: 3, nullable: true }) seenAt!: Date | null;
    }
    const postgres = columns(await model([Stamped], 'postgres'), 'stamped');
    expect(postgres['updatedAt']).toMatchObject({ type: 'timestamp', serverDefault: 'now()' });
    expect(postgres['updatedAt'].onUpdate).toBeUndefined();
    expect(postgres['seenAt']).toMatchObject({ type: 'timestamp(3) with time zone', rawType: 'timestamp(3) with time zone' });
  });

  it("float: single precision on MySQL (FLOAT), double on PostgreSQL; 'real' the other way round", async () => {
    @Entity('measures')
    class Measure {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: 'float' }) f!: number;
      @Column({ type: 'double precision' }) d!: number;
      @Column({ type: 'real' }) r!: number;
    }
    const types = (dialect: Dialect) => model([Measure], dialect).then((s) => Object.values(columns(s, 'measures')).map((c) => c.rawType));
    expect(await types('mysql')).toEqual(['INTEGER', 'FLOAT', 'DOUBLE', 'DOUBLE']);
    expect(await types('postgres')).toEqual(['INTEGER', 'DOUBLE PRECISION', 'DOUBLE PRECISION', 'REAL']);
  });

  it('SQLite: an increment key is INTEGER whatever type it names; PostgreSQL arrays keep their element type', async () => {
    @Entity('big')
    class Big {
      @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
      @Column({ type: 'varchar', array: true, nullable: true }) tags!: string[];
    }
    expect(columns(await model([Big], 'sqlite'), 'big')['id']).toMatchObject({ type: 'integer', autoincrement: true });
    expect(columns(await model([Big], 'postgres'), 'big')['id'].type).toBe('bigint');
    expect(columns(await model([Big], 'postgres'), 'big')['tags'].type).toBe('varchar[]');
  });

  it('simple-enum: a PostgreSQL enum type as TypeORM names it, a MySQL ENUM, and a named check on SQLite', async () => {
    @Entity('Tickets')
    class Ticket {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ type: 'simple-enum', enum: ['open', 'closed'], default: 'open' }) State!: string;
    }
    const postgres = await model([Ticket], 'postgres');
    expect(columns(postgres, 'Tickets')['State']).toMatchObject({ type: 'Tickets_state_enum', enumName: 'Tickets_state_enum' });
    expect([...postgres.enums]).toEqual([['Tickets_state_enum', ['open', 'closed']]]);
    expect(columns(await model([Ticket], 'mysql'), 'Tickets')['State'].type).toBe("enum('open','closed')");
    const sqlite = await model([Ticket], 'sqlite');
    expect(columns(sqlite, 'Tickets')['State'].type).toBe('varchar');
    expect(sqlite.tables.get('Tickets')?.checkConstraints).toEqual([
      { name: 'ck_Tickets_State', condition: `"State" IN ('open', 'closed')`, generatedName: true },
    ]);
  });

  it('gives the name TypeORM derives for a column or table the entity names explicitly, as rename evidence', async () => {
    @Entity('members')
    class Member {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ name: 'full_name' }) fullName!: string;
      @Column({ name: 'nick' }) nick!: string;
      @Column() email!: string;
    }
    const schema = await model([Member], 'postgres');
    const members = columns(schema, 'members');
    expect(members['full_name'].defaultName).toBe('fullName');
    // Named as TypeORM would name it anyway: no evidence of anything.
    expect(members['nick'].defaultName).toBeUndefined();
    expect(members['email'].defaultName).toBeUndefined();
    expect(schema.tables.get('members')?.defaultName).toBe('member');
  });
});
