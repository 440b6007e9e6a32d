import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../main/engine/errors.js';
import { expansionLimits, parseSize } from '../../../../main/hosts/cli/limit-options.js';

describe('--max-expanded and --max-ratio', () => {
  it.each([
    ['1048576', 1048576],
    ['500M', 500 * 1024 ** 2],
    ['64G', 64 * 1024 ** 3],
    ['1.5GiB', 1.5 * 1024 ** 3],
    ['2k', 2048],
  ])('reads %s as %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it('refuses what is not a size or a ratio, as a usage error', () => {
    expect(() => expansionLimits({ maxExpanded: 'lots' })).toThrow(UsageError);
    expect(() => expansionLimits({ maxRatio: '0.5' })).toThrow(UsageError);
  });

  it('passes valid limits to the engine', () => {
    expect(expansionLimits({ maxExpanded: '1G', maxRatio: '50' })).toEqual({ maxExpandedBytes: 1024 ** 3, maxRatio: 50 });
  });
});
