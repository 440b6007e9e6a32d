import { describe, expect, it } from 'vitest';
import { stateDir } from '../../../../main/hosts/cli/serve.js';

describe('where mfw serve autosaves', () => {
  it('takes MFW_STATE_DIR, else XDG_STATE_HOME/mfw, else ~/.local/state/mfw', () => {
    expect(stateDir({ MFW_STATE_DIR: '/cases/state', XDG_STATE_HOME: '/x' })).toBe('/cases/state');
    expect(stateDir({ XDG_STATE_HOME: '/x' })).toBe('/x/mfw');
    expect(stateDir({})).toMatch(/\/\.local\/state\/mfw$/);
  });
});
