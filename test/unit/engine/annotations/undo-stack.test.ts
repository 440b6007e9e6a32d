import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../../../main/engine/annotations/undo-stack.js';

describe('the undo history of annotations', () => {
  it('reverts the newest change first and says what it reverts next', async () => {
    const done: string[] = [];
    const stack = new UndoStack<string>();
    stack.push({ label: 'first', revert: async () => (done.push('first'), 'a') });
    stack.push({ label: 'second', revert: async () => (done.push('second'), 'b') });
    expect(stack.next()).toBe('second');
    expect(await stack.undo()).toEqual({ label: 'second', result: 'b' });
    expect(stack.next()).toBe('first');
    await stack.undo();
    expect(await stack.undo()).toBeNull();
    expect(done).toEqual(['second', 'first']);
  });

  it('keeps only the last changes, the oldest falling off', async () => {
    const stack = new UndoStack<number>(2);
    for (const n of [1, 2, 3]) stack.push({ label: String(n), revert: async () => n });
    expect((await stack.undo())?.result).toBe(3);
    expect((await stack.undo())?.result).toBe(2);
    expect(await stack.undo()).toBeNull();
  });
});
