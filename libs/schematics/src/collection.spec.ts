import { readFileSync } from 'node:fs';
import { collectionPath } from './index';

describe('collection.json', () => {
  it('parses as a devkit collection with a schematics map', () => {
    expect(JSON.parse(readFileSync(collectionPath, 'utf8'))).toMatchObject({ schematics: expect.any(Object) });
  });
});
