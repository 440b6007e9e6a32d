import { describe, expect, it } from 'vitest';
import { SafeRegex } from '../../../main/engine/formats/safe-regex.js';

describe('user regexes on RE2', () => {
  it('match like a RegExp: groups by name, index, null when nothing matches', () => {
    const re = new SafeRegex('(?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+):(?P<port>\\d+)(?<opt>!)?');
    const m = re.exec('from 10.0.0.5:22 on')!;
    expect([m[0], m.index, m.groups]).toEqual(['10.0.0.5:22', 5, { ip: '10.0.0.5', port: '22' }]);
    expect(re.exec('nothing')).toBeNull();
    expect(re.test('1.2.3.4:5')).toBe(true);
    expect(re.groupNames).toEqual(['ip', 'port', 'opt']);
  });

  it.each([
    ['a*+', 'possessive quantifier'],
    ['end\\Z', 'anchor \\Z'],
    ['(?<!a)b', 'negative lookbehind'],
  ])('refuses %s naming the construct', (pattern, construct) => {
    expect(() => new SafeRegex(pattern)).toThrow(`unsupported construct: ${construct}`);
  });

  it('says "invalid regex" for a mistake that is not a missing feature', () => {
    expect(() => new SafeRegex('[z-a]')).toThrow('invalid regex: invalid character class range: `z-a`');
    expect(() => new SafeRegex('a{2,1}')).toThrow('invalid regex: invalid repeat count');
  });

  it('does not blame an escaped parenthesis or backslash for a lookahead', () => {
    expect(() => new SafeRegex('\\(?=x')).not.toThrow();
    expect(() => new SafeRegex('\\\\1')).not.toThrow();
    expect(() => new SafeRegex('\\(?=x(')).toThrow('invalid regex: missing closing )');
  });
});
