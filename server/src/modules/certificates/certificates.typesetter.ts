// The certificate's typesetting: its fonts, and lines of text set run by run in whichever font has the glyphs
// (DejaVu Sans for Latin, Greek and Cyrillic with their accents, Nanum Gothic for Hangul). pdfkit's own text flow
// takes one font per call and cannot measure text that mixes two, so lines are broken here and every run is placed
// by hand: that also tells the certificate's table how tall a row is before it is drawn.
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** Debian's fonts-dejavu-core and fonts-nanum (scripts/install.mjs installs them). */
export const CERTIFICATE_FONT_FILES = {
  latin: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  latinBold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  hangul: '/usr/share/fonts/truetype/nanum/NanumGothic.ttf',
  hangulBold: '/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf',
} as const;

export type FaceName = keyof typeof CERTIFICATE_FONT_FILES;
export type Weight = 'regular' | 'bold';

/** Which of the certificate's font files are missing: certificates cannot be drawn until none is. */
export function certificateFonts(): { missing: string[] } {
  return { missing: Object.values(CERTIFICATE_FONT_FILES).filter((path) => !existsSync(path)) };
}

// Read and parsed once per process: the Hangul fonts are 4.6 MB each. fontkit parses tables lazily and pdfkit
// makes its own subset of a parsed font for each document, so one parsed font serves every certificate.
let faces: Record<FaceName, fontkit.Font> | undefined;

export function loadFaces(): Record<FaceName, fontkit.Font> {
  if (!faces) {
    const { missing } = certificateFonts();
    if (missing.length > 0) throw new Error(`The certificate's fonts are missing: ${missing.join(', ')}`);
    const open = (path: string): fontkit.Font => {
      const font = fontkit.create(readFileSync(path));
      if (!('hasGlyphForCodePoint' in font)) throw new Error(`${path} is a font collection, not a font`);
      return font;
    };
    faces = {
      latin: open(CERTIFICATE_FONT_FILES.latin),
      latinBold: open(CERTIFICATE_FONT_FILES.latinBold),
      hangul: open(CERTIFICATE_FONT_FILES.hangul),
      hangulBold: open(CERTIFICATE_FONT_FILES.hangulBold),
    };
  }
  return faces;
}

export interface Style {
  size: number;
  weight: Weight;
  color: string;
  /** Line height as a multiple of the size. */
  leading?: number;
}

/** A stretch of text in one font. */
interface Run {
  text: string;
  face: FaceName;
}

/** One line set for drawing: its runs, and its width without trailing spaces. */
interface Line {
  runs: Run[];
  width: number;
}

type Align = 'left' | 'center' | 'right';

/** Words and the spaces after them: lines break at ordinary spaces only, never at French no-break spaces. */
const WORDS = /[ \t\u3000]*[^ \t\u3000]+[ \t\u3000]*/g;
/** The pieces of a word that end in slashes or hyphens ("https://", "apoc-", "certificates/"). */
const AFTER_SLASHES = /[^/-]*[/-]+|[^/-]+/g;
/** Characters, each with the combining marks after it. */
const CHARACTERS = /\P{M}\p{M}*/gu;

export class Typesetter {
  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly fonts: Record<FaceName, fontkit.Font>,
  ) {}

  /**
   * Splits text into runs by the font that has each character: DejaVu first (Latin, Greek, Cyrillic and
   * punctuation), Nanum for what DejaVu lacks (Hangul). Spaces and combining marks stay in the run they
   * follow, so a Korean phrase is one run with Nanum's spacing.
   */
  runs(text: string, weight: Weight): Run[] {
    const latin: FaceName = weight === 'bold' ? 'latinBold' : 'latin';
    const hangul: FaceName = weight === 'bold' ? 'hangulBold' : 'hangul';
    const runs: Run[] = [];
    for (const char of text.normalize('NFC')) {
      const codePoint = char.codePointAt(0) ?? 0;
      const previous = runs.at(-1);
      let face: FaceName;
      if (previous && /^[\s\p{M}]$/u.test(char) && this.fonts[previous.face].hasGlyphForCodePoint(codePoint)) {
        face = previous.face;
      } else {
        const inLatin = this.fonts[latin].hasGlyphForCodePoint(codePoint);
        face = inLatin || !this.fonts[hangul].hasGlyphForCodePoint(codePoint) ? latin : hangul;
      }
      if (previous?.face === face) previous.text += char;
      else runs.push({ text: char, face });
    }
    return runs;
  }

  width(runs: readonly Run[], size: number): number {
    let width = 0;
    for (const run of runs) width += this.pdf.font(run.face).fontSize(size).widthOfString(run.text);
    return width;
  }

  /**
   * Breaks text into lines no wider than `width`: at spaces; a word wider than a whole line (an address) after its
   * slashes and hyphens, and only failing that between characters.
   */
  lines(text: string, style: Style, width: number): Line[] {
    const lines: Line[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let current: Run[] = [];
      let currentWidth = 0;
      const flush = () => {
        const runs = trimEnd(current);
        lines.push({ runs: merge(runs), width: this.width(runs, style.size) });
        current = [];
        currentWidth = 0;
      };
      const place = (word: string, cuts: readonly RegExp[]): void => {
        const runs = this.runs(word, style.weight);
        const inkWidth = this.width(trimEnd(runs), style.size);
        const [cut, ...finer] = cuts;
        if (inkWidth > width && cut) {
          for (const piece of word.match(cut) ?? [word]) place(piece, finer);
          return;
        }
        if (current.length > 0 && currentWidth + inkWidth > width) flush();
        current.push(...runs);
        currentWidth += this.width(runs, style.size);
      };
      for (const word of paragraph.match(WORDS) ?? ['']) place(word, [AFTER_SLASHES, CHARACTERS]);
      flush();
    }
    return lines;
  }

  lineHeight(style: Style): number {
    return style.size * (style.leading ?? 1.4);
  }

  height(lines: readonly Line[], style: Style): number {
    return lines.length * this.lineHeight(style);
  }

  /** Draws lines from `top` (the top of the first line's box); returns where the text ends. */
  draw(lines: readonly Line[], style: Style, x: number, top: number, width: number, align: Align = 'left'): number {
    const lineHeight = this.lineHeight(style);
    let y = top;
    for (const line of lines) {
      // The baseline sits where a line of DejaVu would put it, whichever fonts the line uses, so that runs
      // in two fonts share one baseline.
      const baseline = y + (lineHeight - style.size) / 2 + style.size * 0.8;
      let left = align === 'left' ? x : align === 'center' ? x + (width - line.width) / 2 : x + width - line.width;
      for (const run of line.runs) {
        this.pdf.font(run.face).fontSize(style.size).fillColor(style.color);
        this.pdf.text(run.text, left, baseline, { lineBreak: false, baseline: 'alphabetic' });
        left += this.pdf.widthOfString(run.text);
      }
      y += lineHeight;
    }
    return y;
  }

  /** Sets and draws a paragraph; returns where it ends. */
  paragraph(text: string, style: Style, x: number, top: number, width: number, align: Align = 'left'): number {
    return this.draw(this.lines(text, style, width), style, x, top, width, align);
  }
}

function trimEnd(runs: readonly Run[]): Run[] {
  const trimmed = runs.map((run) => ({ ...run }));
  while (trimmed.length > 0) {
    const last = trimmed[trimmed.length - 1] as Run;
    last.text = last.text.trimEnd();
    if (last.text) break;
    trimmed.pop();
  }
  return trimmed;
}

function merge(runs: readonly Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const previous = merged.at(-1);
    if (previous?.face === run.face) previous.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}
