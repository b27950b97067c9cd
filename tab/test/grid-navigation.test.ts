import { nextCell } from '../src/features/dashboard/grid-navigation';

describe('grid keyboard navigation', () => {
  const limits = { lastRow: 99, lastCol: 5, pageRows: 10 };
  it.each([
    ['ArrowDown', false, { row: 3, col: 2 }, { row: 4, col: 2 }],
    ['ArrowUp', false, { row: 0, col: 2 }, { row: -1, col: 2 }],
    ['ArrowUp', false, { row: -1, col: 2 }, { row: -1, col: 2 }],
    ['ArrowRight', false, { row: 3, col: 5 }, { row: 3, col: 5 }],
    ['ArrowLeft', false, { row: 3, col: 0 }, { row: 3, col: 0 }],
    ['Home', false, { row: 3, col: 4 }, { row: 3, col: 0 }],
    ['End', true, { row: 3, col: 1 }, { row: 99, col: 5 }],
    ['Home', true, { row: 50, col: 3 }, { row: 0, col: 0 }],
    ['PageDown', false, { row: 95, col: 1 }, { row: 99, col: 1 }],
    ['PageUp', false, { row: 4, col: 1 }, { row: 0, col: 1 }],
  ])('%s (ctrl %s) from %j goes to %j', (key, ctrl, from, to) => {
    expect(nextCell(key, ctrl, from, limits)).toEqual(to);
  });

  it('stays in the header of an empty grid and ignores other keys', () => {
    expect(nextCell('Home', true, { row: -1, col: 2 }, { lastRow: -1, lastCol: 5, pageRows: 10 })).toEqual({ row: -1, col: 0 });
    expect(nextCell('a', false, { row: 1, col: 1 }, limits)).toBeNull();
  });
});
