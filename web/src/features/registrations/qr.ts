// A QR code encoder for check-in codes, so that /me/registrations can draw the code the desk scans
// without a dependency. Deliberately narrow: the alphanumeric mode (digits, capitals, " $%*+-./:"),
// versions 1 to 3 at error-correction level M (one Reed-Solomon block each), which holds up to 61
// characters; a check-in code has 10. Follows ISO/IEC 18004; the test compares it with a reference encoder.

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Per version (index 1–3): data codewords, error-correction codewords, alignment pattern centre. */
const VERSIONS = [
  null,
  { data: 16, ec: 10, align: 0 },
  { data: 28, ec: 16, align: 18 },
  { data: 44, ec: 26, align: 22 },
];

export interface QrCode {
  size: number;
  /** modules[row][column]: true for a dark module. */
  modules: boolean[][];
}

// Arithmetic in GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
function multiply(x: number, y: number): number {
  let product = 0;
  for (let bit = 7; bit >= 0; bit--) {
    product = (product << 1) ^ ((product >>> 7) * 0x11d);
    product ^= ((y >>> bit) & 1) * x;
  }
  return product;
}

function errorCorrection(data: number[], degree: number): number[] {
  // The generator polynomial (x − α⁰)(x − α¹)…(x − α^(degree−1)), highest term implicit.
  const generator: number[] = new Array<number>(degree).fill(0);
  generator[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      generator[j] = multiply(generator[j] ?? 0, root) ^ (generator[j + 1] ?? 0);
    }
    root = multiply(root, 2);
  }
  const remainder: number[] = new Array<number>(degree).fill(0);
  for (const byte of data) {
    const factor = byte ^ (remainder.shift() ?? 0);
    remainder.push(0);
    for (let i = 0; i < degree; i++) remainder[i] = (remainder[i] ?? 0) ^ multiply(generator[i] ?? 0, factor);
  }
  return remainder;
}

function dataCodewords(text: string, capacity: number): number[] {
  const bits: number[] = [];
  const push = (value: number, length: number): void => {
    for (let bit = length - 1; bit >= 0; bit--) bits.push((value >>> bit) & 1);
  };
  push(0b0010, 4);
  push(text.length, 9);
  for (let i = 0; i < text.length; i += 2) {
    const first = ALPHANUMERIC.indexOf(text.charAt(i));
    if (i + 1 < text.length) push(first * 45 + ALPHANUMERIC.indexOf(text.charAt(i + 1)), 11);
    else push(first, 6);
  }
  push(0, Math.min(4, capacity * 8 - bits.length));
  push(0, (8 - (bits.length % 8)) % 8);
  const bytes: number[] = [];
  for (let i = 0; i < bits.length; i += 8) bytes.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  for (let pad = 0xec; bytes.length < capacity; pad ^= 0xec ^ 0x11) bytes.push(pad);
  return bytes;
}

const MASKS: ((row: number, column: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

/** The spec's penalty for a masked symbol: runs, 2×2 blocks, finder look-alikes, dark/light balance. */
function penalty(modules: boolean[][]): number {
  const size = modules.length;
  let score = 0;
  const at = (r: number, c: number): boolean => modules[r]?.[c] ?? false;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < size; i++) {
      let run = 1;
      let line = '';
      for (let j = 0; j < size; j++) {
        const dark = pass === 0 ? at(i, j) : at(j, i);
        line += dark ? '1' : '0';
        if (j > 0 && dark === (pass === 0 ? at(i, j - 1) : at(j - 1, i))) {
          run += 1;
          if (run === 5) score += 3;
          else if (run > 5) score += 1;
        } else run = 1;
      }
      for (const pattern of ['10111010000', '00001011101']) {
        for (let from = line.indexOf(pattern); from >= 0; from = line.indexOf(pattern, from + 1)) score += 40;
      }
    }
  }
  let dark = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (at(r, c)) dark += 1;
      if (r + 1 < size && c + 1 < size) {
        const colour = at(r, c);
        if (at(r, c + 1) === colour && at(r + 1, c) === colour && at(r + 1, c + 1) === colour) score += 3;
      }
    }
  }
  return score + Math.floor(Math.abs((dark * 20) / (size * size) - 10)) * 10;
}

/**
 * The QR code of `text` (letters are taken as capitals), or null when it holds other characters or is
 * longer than 61 characters. `mask` forces one of the eight masks; by default the one the spec prefers.
 */
export function encodeQr(input: string, mask?: number): QrCode | null {
  const text = input.toUpperCase();
  if ([...text].some((char) => !ALPHANUMERIC.includes(char))) return null;
  const version = VERSIONS.findIndex(
    (v) => v !== null && 13 + 11 * Math.floor(text.length / 2) + 6 * (text.length % 2) <= v.data * 8,
  );
  const spec = VERSIONS[version];
  if (!spec) return null;

  const size = 17 + 4 * version;
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const set = (r: number, c: number, dark: boolean): void => {
    if (r < 0 || c < 0 || r >= size || c >= size) return;
    (modules[r] as boolean[])[c] = dark;
    (reserved[r] as boolean[])[c] = true;
  };

  // Finder patterns with their light separators, timing patterns, the alignment pattern, the dark module.
  for (const [top, left] of [
    [0, 0],
    [0, size - 7],
    [size - 7, 0],
  ] as const) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        set(top + r, left + c, ring !== 2 && ring !== 4);
      }
    }
  }
  for (let i = 8; i < size - 8; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  if (spec.align) {
    for (let r = -2; r <= 2; r++)
      for (let c = -2; c <= 2; c++) set(spec.align + r, spec.align + c, Math.max(Math.abs(r), Math.abs(c)) !== 1);
  }
  const format = (chosen: number): void => {
    // Level M is 00; the 15 bits are BCH-protected and masked so that they are never all light.
    let remainder = chosen;
    for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
    const bits = ((chosen << 10) | remainder) ^ 0x5412;
    const bit = (i: number): boolean => ((bits >>> i) & 1) === 1;
    for (let i = 0; i <= 5; i++) set(i, 8, bit(i));
    set(7, 8, bit(6));
    set(8, 8, bit(7));
    set(8, 7, bit(8));
    for (let i = 9; i < 15; i++) set(8, 14 - i, bit(i));
    for (let i = 0; i < 8; i++) set(8, size - 1 - i, bit(i));
    for (let i = 8; i < 15; i++) set(size - 15 + i, 8, bit(i));
    set(size - 8, 8, true);
  };
  format(0);

  // The codewords in the zigzag of two-module columns, right to left, skipping the vertical timing column.
  const data = dataCodewords(text, spec.data);
  const codewords = [...data, ...errorCorrection(data, spec.ec)];
  let index = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const r = upward ? size - 1 - step : step;
      for (const c of [right, right - 1]) {
        if (reserved[r]?.[c] || index >= codewords.length * 8) continue;
        (modules[r] as boolean[])[c] = (((codewords[index >>> 3] ?? 0) >>> (7 - (index & 7))) & 1) === 1;
        index += 1;
      }
    }
  }

  const masked = (chosen: number): boolean[][] => {
    const apply = MASKS[chosen] as (r: number, c: number) => boolean;
    const copy = modules.map((row, r) => row.map((dark, c) => (reserved[r]?.[c] ? dark : dark !== apply(r, c))));
    const saved = modules.map((row) => [...row]);
    for (let r = 0; r < size; r++) modules[r] = copy[r] as boolean[];
    format(chosen);
    const result = modules.map((row) => [...row]);
    for (let r = 0; r < size; r++) modules[r] = saved[r] as boolean[];
    return result;
  };
  if (mask !== undefined) return { size, modules: masked(mask) };
  let best: boolean[][] = masked(0);
  let bestScore = penalty(best);
  for (let chosen = 1; chosen < 8; chosen++) {
    const candidate = masked(chosen);
    const score = penalty(candidate);
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return { size, modules: best };
}

/** The dark modules as one SVG path in module units, the quiet zone of `margin` modules included. */
export function qrPath(code: QrCode, margin = 4): string {
  let path = '';
  code.modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) path += `M${c + margin} ${r + margin}h1v1h-1z`;
    }),
  );
  return path;
}
