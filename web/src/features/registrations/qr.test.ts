import { describe, expect, it } from 'vitest';
import { encodeQr, qrPath } from './qr';

// Drawn by the reference encoder the server uses for the confirmation e-mail (node-qrcode 1.5, level M,
// the same mask forced), one string per row, "#" for a dark module.
const K7M2Q9XW4P_MASK_3 = [
  '#######.##.#..#######',
  '#.....#.##....#.....#',
  '#.###.#...#...#.###.#',
  '#.###.#.#.##..#.###.#',
  '#.###.#....#..#.###.#',
  '#.....#..#.##.#.....#',
  '#######.#.#.#.#######',
  '........#..##........',
  '#.##.###...##.#..#.##',
  '.#.##.....######.####',
  '####..#...##......#..',
  '..#.#..#..##..######.',
  '......#..##.#...#.#.#',
  '........#..#..#..#.#.',
  '#######.#..##..#.#.#.',
  '#.....#.###....#..##.',
  '#.###.#..#..###.#####',
  '#.###.#.####..#..#.#.',
  '#.###.#.###.#.#......',
  '#.....#..#...#.##.#..',
  '#######.##...#.#..##.',
];

const VERSION_2_MASK_5 = [
  '#######....##.###.#######',
  '#.....#.#..###..#.#.....#',
  '#.###.#.#####.#...#.###.#',
  '#.###.#.#####...#.#.###.#',
  '#.###.#........#..#.###.#',
  '#.....#.....###.#.#.....#',
  '#######.#.#.#.#.#.#######',
  '........#..#...#.........',
  '#.....#.#.###..####..###.',
  '#....#..##..##.#..###...#',
  '......##..#...##....#....',
  '.#..#..##..#..#.....#.#.#',
  '###..##.###..##...##..##.',
  '##...#.#....###..#..####.',
  '#.#..##..#....##.#.###...',
  '#..#.#...#..#....####.###',
  '#.##..###...############.',
  '........#.#...###...#.###',
  '#######..##.###.#.#.##.#.',
  '#.....#....#....#...####.',
  '#.###.#....#....########.',
  '#.###.#..##.###.###...#.#',
  '#.###.#......###..#.#.#.#',
  '#.....#..#..##.##.#..##..',
  '#######.##.###...#.##..##',
];

const rows = (modules: boolean[][]): string[] => modules.map((row) => row.map((dark) => (dark ? '#' : '.')).join(''));

describe('encodeQr', () => {
  it('draws a check-in code module for module as the reference encoder does', () => {
    const qr = encodeQr('K7M2Q9XW4P', 3);
    expect(qr?.size).toBe(21);
    expect(rows(qr?.modules ?? [])).toEqual(K7M2Q9XW4P_MASK_3);
  });

  it('grows to version 2 (with its alignment pattern) for longer text', () => {
    expect(rows(encodeQr('APOC SUMMIT ESSEN 2027 CHECK-IN', 5)?.modules ?? [])).toEqual(VERSION_2_MASK_5);
  });

  it('chooses a mask by itself, takes lower-case letters as capitals, and refuses what it cannot encode', () => {
    expect(encodeQr('k7m2q9xw4p')?.modules).toEqual(encodeQr('K7M2Q9XW4P')?.modules);
    expect(encodeQr('A'.repeat(61))?.size).toBe(29);
    expect(encodeQr('A'.repeat(62))).toBeNull();
    expect(encodeQr('café')).toBeNull();
  });

  it('draws the dark modules as one SVG path inside a quiet zone', () => {
    const qr = encodeQr('K7M2Q9XW4P');
    const path = qr ? qrPath(qr, 4) : '';
    // The top-left finder pattern's corner sits at the quiet zone's edge.
    expect(path.startsWith('M4 4h1v1h-1z')).toBe(true);
    expect(path.match(/M/g)?.length).toBe(qr?.modules.flat().filter(Boolean).length);
  });
});
