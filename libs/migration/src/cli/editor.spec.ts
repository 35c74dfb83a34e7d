import { CommandError } from '../errors';
import { editCommandFor } from './editor';

describe('editCommandFor', () => {
  it('prefers $VISUAL, then $EDITOR', () => {
    expect(editCommandFor({ VISUAL: 'code --wait', EDITOR: 'vi' })).toBe('code --wait');
    expect(editCommandFor({ VISUAL: '', EDITOR: 'vi' })).toBe('vi');
  });

  it('asks for one when neither is set', () => {
    expect(() => editCommandFor({})).toThrow(new CommandError('No editor to open the revision file with; set $VISUAL or $EDITOR'));
  });
});
