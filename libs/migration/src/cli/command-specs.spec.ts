import 'reflect-metadata';
import { CommandMeta, OptionMeta } from 'nest-commander/src/constants';
import { COMMANDS } from './command-specs';
import { MigrationCliModule } from './migration-cli.module';

// The fast path prints help from the command table; the full CLI from what the decorators
// recorded. Both must be the same commands, in the same order, with the same options.

type Class = abstract new (...args: never[]) => unknown;

/** The classes MigrationCliModule registers, in order. */
function commandClasses(): Class[] {
  const providers = Reflect.getMetadata('providers', MigrationCliModule) as unknown[];
  return providers.filter((provider): provider is Class => typeof provider === 'function');
}

/** A class's options as nest-commander finds them: its own methods first, then up the prototype chain. */
function decoratedOptions(type: Class): unknown[] {
  const options: unknown[] = [];
  for (let proto = type.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      const meta = typeof method === 'function' ? (Reflect.getMetadata(OptionMeta, method) as unknown) : undefined;
      if (meta !== undefined) options.push(meta);
    }
  }
  return options;
}

describe('the command table', () => {
  it('lists the commands MigrationCliModule registers, in its order, each with its decorator metadata', () => {
    expect(commandClasses().map((type) => Reflect.getMetadata(CommandMeta, type))).toEqual(
      Object.values(COMMANDS).map((spec) => spec.meta),
    );
  });

  it("gives each command the options its class and its base classes declare, in nest-commander's order", () => {
    const byName = new Map(Object.values(COMMANDS).map((spec) => [spec.meta.name, spec.options]));
    for (const type of commandClasses()) {
      const { name } = Reflect.getMetadata(CommandMeta, type) as { name: string };
      expect([name, decoratedOptions(type)]).toEqual([name, byName.get(name)]);
    }
  });
});
