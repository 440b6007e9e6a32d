import { describe, expect, it } from 'vitest';
import { recordLines, recordSpan } from '../../../../main/engine/evidence/record-span.js';
import { loadRegistry } from '../../../../main/engine/formats/registry.js';

describe('the lines of an event\'s record', () => {
  const registry = loadRegistry();

  it('is one line, or one more per continuation line joined to its message', () => {
    expect(recordSpan(registry.get('sshd'), 'Failed password')).toEqual({ kind: 'lines', count: 1 });
    expect(recordSpan(registry.get('maas-service-log'), 'Traceback\n\tFile x\n\tboom')).toEqual({ kind: 'lines', count: 3 });
    expect(recordSpan(undefined, 'a\nb')).toEqual({ kind: 'lines', count: 1 });
  });

  it('runs to the empty line that ends a journal export record', () => {
    const span = recordSpan(registry.get('journal-export'), null);
    expect(recordLines(['__CURSOR=s', 'MESSAGE=x', '', '__CURSOR=t'], span)).toEqual(['__CURSOR=s', 'MESSAGE=x']);
  });

  it('runs to the brace that closes a MAAS event object, braces in strings aside', () => {
    const span = recordSpan(registry.get('maas-events'), null);
    expect(recordLines(['  {', '    "description": "a } b {",', '    "id": 1', '  },', '  {'], span)).toEqual(['  {', '    "description": "a } b {",', '    "id": 1', '  },']);
  });
});
