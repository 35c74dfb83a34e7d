import 'reflect-metadata';
import { Check, Column, DataSource, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Dialect } from '../operations/migration-ops';
import { resolveNamingConvention } from '../operations/naming-convention';
import { entitySchema } from './entity-schema';
import { columnsIn } from './entity-names';
import type { TableModel } from '../dialects/schema-model';

/** Builds the metadata of `entities` for `type` without connecting, and models it for `dialect`. */
async function model(entities: Function[], dialect: Dialect = 'postgres', typeorm = false): Promise<Map<string, TableModel>> {
  const type = dialect === 'sqlite' ? 'better-sqlite3' : dialect;
  const dataSource = new DataSource({ type, database: ':memory:', entities } as never);
  await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const namingConvention = typeorm ? resolveNamingConvention('typeorm', () => dataSource.namingStrategy) : undefined;
  return (await entitySchema(dataSource, dialect, namingConvention ? { namingConvention } : {})).tables;
}

const names = (table: TableModel | undefined) => ({
  uniques: table?.uniqueConstraints.map((u) => u.name),
  indexes: table?.indexes.map((i) => i.name),
  checks: table?.checkConstraints.map((c) => c.name),
});

describe('constraint and index names', () => {
  it('include every column, so an index on (status) and one on (status, views) differ', async () => {
    @Entity('posts')
    @Index(['status', 'views'])
    class Post {
      @PrimaryGeneratedColumn() id!: number;
      @Index() @Column() status!: string;
      @Column() views!: number;
    }
    @Entity('users')
    @Unique(['email', 'tenant'])
    class User {
      @PrimaryGeneratedColumn() id!: number;
      @Column({ unique: true }) email!: string;
      @Column() tenant!: number;
    }
    const tables = await model([Post, User]);
    expect(names(tables.get('posts')).indexes).toEqual(['ix_posts_status', 'ix_posts_status_views']);
    expect(names(tables.get('users')).uniques).toEqual(['uq_users_email', 'uq_users_email_tenant']);
    // MySQL keeps unique keys as indexes.
    expect(names((await model([Post, User], 'mysql')).get('users')).indexes).toEqual(['ix_users_email', 'ix_users_email_tenant']);
  });

  it('tell apart names that still clash, by what the elements are, whatever their order', async () => {
    const make = (uniqueFirst: boolean) => {
      @Entity('items')
      class Item {
        @PrimaryGeneratedColumn() id!: number;
        @Column() code!: string;
      }
      const plain = () => Index(['code'])(Item);
      const unique = () => Index(['code'], { unique: true, where: 'code IS NOT NULL' })(Item);
      if (uniqueFirst) [unique, plain].forEach((apply) => apply());
      else [plain, unique].forEach((apply) => apply());
      return Item;
    };
    const first = names((await model([make(false)])).get('items')).indexes;
    expect(first).toEqual(['ix_items_code', expect.stringMatching(/^ix_items_code_[0-9a-f]{4}$/)]);
    expect(names((await model([make(true)])).get('items')).indexes).toEqual(first);
  });

  it('tell apart clashes across tables of a schema, where PostgreSQL index names live', async () => {
    @Entity('a_b')
    class AB {
      @PrimaryGeneratedColumn() id!: number;
      @Index() @Column() c!: string;
    }
    @Entity('a')
    class A {
      @PrimaryGeneratedColumn() id!: number;
      @Index() @Column() b_c!: string;
    }
    const tables = await model([AB, A]);
    const all = [...names(tables.get('a')).indexes!, ...names(tables.get('a_b')).indexes!];
    expect(new Set(all).size).toBe(2);
    expect(all).toContain('ix_a_b_c');
  });

  it('name an unnamed check after the columns it names, not TypeORM’s hash', async () => {
    @Entity('prices')
    @Check('"amount" > 0 AND "amount" < "ceiling"')
    @Check('1 = 1')
    @Check('positive', '"ceiling" > 0')
    class Price {
      @PrimaryGeneratedColumn() id!: number;
      @Column() amount!: number;
      @Column() ceiling!: number;
    }
    const checks = (await model([Price])).get('prices')?.checkConstraints;
    expect(checks?.map((c) => [c.name, c.generatedName])).toEqual([
      [expect.stringMatching(/^ck_prices_[0-9a-f]{8}$/), true],
      ['ck_prices_amount_ceiling', true],
      ['ck_prices_positive', undefined],
    ]);
  });

  it("name a one-to-one's unique key by the convention, and keep TypeORM's names with the typeorm convention", async () => {
    @Entity('people')
    class Person {
      @PrimaryGeneratedColumn() id!: number;
    }
    @Entity('passports')
    @Check('"number" <> \'\'')
    class Passport {
      @PrimaryGeneratedColumn() id!: number;
      @Index() @Column() number!: string;
      @OneToOne(() => Person) @JoinColumn() owner!: Person;
    }
    const passports = (await model([Person, Passport])).get('passports');
    expect(passports?.uniqueConstraints.map((u) => u.name)).toEqual(['uq_passports_ownerId']);
    expect(passports?.primaryKey?.name).toBe('pk_passports');

    const dataSource = new DataSource({ type: 'postgres', entities: [Person, Passport] });
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    const metadata = dataSource.getMetadata(Passport);
    const typeorm = (await model([Person, Passport], 'postgres', true)).get('passports');
    expect(typeorm?.uniqueConstraints.map((u) => u.name)).toEqual([metadata.uniques[0].name]);
    expect(typeorm?.uniqueConstraints[0].name).toMatch(/^REL_/);
    expect(typeorm?.indexes.map((i) => i.name)).toEqual([metadata.indices[0].name]);
    expect(typeorm?.foreignKeys.map((fk) => fk.name)).toEqual([metadata.foreignKeys[0].name]);
    expect(typeorm?.checkConstraints.map((c) => c.name)).toEqual([metadata.checks[0].name]);
    expect(typeorm?.primaryKey?.name).toBe(dataSource.namingStrategy.primaryKeyName('passports', ['id']));
  });
});

describe('columnsIn', () => {
  it('finds the columns a condition names, quoted or not, in order, once', () => {
    expect(columnsIn('"b" > 0 AND a < b AND lower(`C`) <> \'a\'', ['a', 'b', 'c'])).toEqual(['b', 'a', 'c']);
    expect(columnsIn('length(x) > 0', ['a'])).toEqual([]);
  });
});
