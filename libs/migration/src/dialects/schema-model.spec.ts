import { byName } from './schema-model';

describe('byName', () => {
  it('sorts named items by name and keeps unnamed ones last, in their order', () => {
    const items = [{ id: 1 }, { name: 'b', id: 2 }, { id: 3 }, { name: 'a', id: 4 }, { name: 'B', id: 5 }];
    expect(byName(items).map((item) => item.id)).toEqual([5, 4, 2, 1, 3]);
  });
});
