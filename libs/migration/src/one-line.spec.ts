import { oneLine } from './one-line';

describe('oneLine', () => {
  it('folds each line break and the spaces around it into one mark, and keeps all the text', () => {
    expect(oneLine('CREATE TABLE "t" (\n    "id" INTEGER,\r\n    "x" TEXT\n)')).toBe('CREATE TABLE "t" ( ⏎ "id" INTEGER, ⏎ "x" TEXT ⏎ )');
    expect(oneLine('first\n\n  second')).toBe('first ⏎ second');
    expect(oneLine('no break')).toBe('no break');
  });
});
