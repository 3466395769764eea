import { pushHistory, redoHistory, startHistory, undoHistory } from './draft.history';

describe('draft history', () => {
  it('undoes and redoes every step in order', () => {
    let h = startHistory('a');
    h = pushHistory(h, 'b');
    h = pushHistory(h, 'c');
    h = undoHistory(h);
    expect(h.present).toBe('b');
    h = undoHistory(h);
    expect(h.present).toBe('a');
    expect(undoHistory(h)).toBe(h);
    h = redoHistory(redoHistory(h));
    expect(h.present).toBe('c');
    expect(redoHistory(h)).toBe(h);
  });

  it('forgets the redo steps once a new change is made', () => {
    const h = pushHistory(undoHistory(pushHistory(startHistory(1), 2)), 3);
    expect(h).toEqual({ past: [1], present: 3, future: [] });
  });

  it('makes no step for an unchanged value', () => {
    const h = pushHistory(startHistory(1), 2);
    expect(pushHistory(h, h.present)).toBe(h);
  });

  it('keeps at most the limit of undo steps, dropping the oldest', () => {
    let h = startHistory(0);
    for (let i = 1; i <= 5; i++) h = pushHistory(h, i, 3);
    expect(h.past).toEqual([2, 3, 4]);
  });
});
