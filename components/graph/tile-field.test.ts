import { describe, expect, it } from 'vitest';
import { type Tile, type TileRow, moveInField } from './tile-field.ts';

const t = (id: string, column: number): Tile => ({ id, column } as Tile);
// Pods on row 1, their claims on row 2 (web-1 has none), a lone volume on row 3.
const rows: TileRow[] = [
  { row: 1, tiles: [t('p0', 1), t('p1', 2), t('p2', 3)] },
  { row: 2, tiles: [t('c0', 1), t('c2', 3)] },
  { row: 3, tiles: [t('v2', 3)] },
];

describe('moving through the tile field with the keyboard', () => {
  it('starts at the first tile, and there again when the tile it was on is gone', () => {
    expect(moveInField(rows, null, 'ArrowRight')).toBe('p0');
    expect(moveInField(rows, 'gone', 'ArrowDown')).toBe('p0');
    expect(moveInField([], null, 'ArrowRight')).toBeNull();
  });

  it('goes left and right within a row and stops at its ends; Home and End jump to them', () => {
    expect(moveInField(rows, 'p0', 'ArrowRight')).toBe('p1');
    expect(moveInField(rows, 'p2', 'ArrowRight')).toBe('p2');
    expect(moveInField(rows, 'p0', 'ArrowLeft')).toBe('p0');
    expect(moveInField(rows, 'p1', 'End')).toBe('p2');
    expect(moveInField(rows, 'c2', 'Home')).toBe('c0');
  });

  it('goes up and down to the nearest column of the next row, and stops at the first and last rows', () => {
    expect(moveInField(rows, 'p2', 'ArrowDown')).toBe('c2');
    expect(moveInField(rows, 'c2', 'ArrowDown')).toBe('v2');
    expect(moveInField(rows, 'c0', 'ArrowDown')).toBe('v2');
    expect(moveInField(rows, 'v2', 'ArrowDown')).toBe('v2');
    expect(moveInField(rows, 'c0', 'ArrowUp')).toBe('p0');
    expect(moveInField(rows, 'p1', 'ArrowUp')).toBe('p1');
    // web-1 has no claim: down from it is the nearest claim, web-0's (the first of equals).
    expect(moveInField(rows, 'p1', 'ArrowDown')).toBe('c0');
  });
});
