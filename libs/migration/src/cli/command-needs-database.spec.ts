import { commandNeedsDatabase } from './command-needs-database';

const needs = (...args: string[]) => commandNeedsDatabase(['node', 'main.js', ...args]);

describe('commandNeedsDatabase', () => {
  it('is false for the commands that read only the migrations directory', () => {
    expect(needs('history')).toBe(false);
    expect(needs('history', '-v', '-r', 'ae10:', '--json')).toBe(false);
    expect(needs('history', '-r', 'currentish:')).toBe(false);
    expect(needs('heads', '--resolve-dependencies')).toBe(false);
    expect(needs('branches', '-d', 'db/migrations')).toBe(false);
    expect(needs('show', 'head')).toBe(false);
    expect(needs('init', '--template', 'generic')).toBe(false);
    expect(needs('list-templates')).toBe(false);
    expect(needs('revision', '-m', 'add users', '--head', 'base')).toBe(false);
    expect(needs('merge', '-m', 'merge')).toBe(false);
    expect(needs('edit', 'head')).toBe(false);
  });

  it('is true where one of those reaches the database', () => {
    expect(needs('history', '-i')).toBe(true);
    expect(needs('history', '-vi')).toBe(true);
    expect(needs('history', '--indicate-current')).toBe(true);
    expect(needs('revision', '-m', 'add users', '--autogenerate')).toBe(true);
    expect(needs('edit', 'current')).toBe(true);
    expect(needs('show', 'current')).toBe(true);
    for (const range of [
      ['-r', 'current:'],
      ['-r', ':current'],
      ['--rev-range', 'current:heads'],
      ['--rev-range=base:current'],
      ['-rcurrent:'],
    ]) {
      expect(needs('history', ...range)).toBe(true);
    }
  });

  it('is true for the database commands, --sql included', () => {
    for (const verb of ['upgrade', 'downgrade', 'stamp', 'current', 'check', 'migrate']) expect(needs(verb)).toBe(true);
    expect(needs('upgrade', 'base:head', '--sql')).toBe(true);
  });

  it('is true for anything it does not know: no command, help, an option first, another verb', () => {
    expect(needs()).toBe(true);
    expect(needs('--help')).toBe(true);
    expect(needs('-d', 'migrations', 'heads')).toBe(true);
    expect(needs('seed')).toBe(true);
  });
});
