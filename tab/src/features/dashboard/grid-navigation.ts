/** A cell of the grid; row -1 is the header row. */
export interface Pos {
  row: number;
  col: number;
}

/**
 * Where a navigation key moves the active cell (ARIA grid pattern): arrows, Home/End (Ctrl: first/last cell),
 * Page Up/Down by `pageRows`. Returns null for keys that do not move.
 */
export function nextCell(key: string, ctrl: boolean, at: Pos, limits: { lastRow: number; lastCol: number; pageRows: number }): Pos | null {
  const { lastRow, lastCol, pageRows } = limits;
  switch (key) {
    case 'ArrowDown':
      return { row: Math.min(at.row + 1, lastRow), col: at.col };
    case 'ArrowUp':
      return { row: Math.max(at.row - 1, -1), col: at.col };
    case 'ArrowRight':
      return { row: at.row, col: Math.min(at.col + 1, lastCol) };
    case 'ArrowLeft':
      return { row: at.row, col: Math.max(at.col - 1, 0) };
    case 'Home':
      return ctrl ? { row: lastRow >= 0 ? 0 : -1, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: lastRow, col: lastCol } : { row: at.row, col: lastCol };
    case 'PageDown':
      return { row: Math.min(at.row + pageRows, lastRow), col: at.col };
    case 'PageUp':
      return { row: Math.max(at.row - pageRows, 0), col: at.col };
    default:
      return null;
  }
}
