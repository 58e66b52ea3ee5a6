import { randomBytes } from 'node:crypto';

// A certificate's verification code is printed on paper and typed by a licensing body: it must be unguessable (a
// guessed code would show someone's name and hours) and easy to read back. 28 symbols of Crockford's base 32 carry
// 140 bits from the system's random source, written in groups of four: 7KQ2-M9XD-….

/** Crockford's base 32: digits and capitals without I, L, O and U (read as 1, 1, 0, and a swear word). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 28;
const GROUP = 4;

const grouped = (symbols: string): string => symbols.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? '';

/** A new code: 140 random bits. */
export function newCertificateCode(): string {
  let symbols = '';
  let value = 0;
  let bits = 0;
  for (const byte of randomBytes(Math.ceil((SYMBOLS * 5) / 8))) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && symbols.length < SYMBOLS) {
      bits -= 5;
      symbols += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return grouped(symbols);
}

/**
 * A code as typed, in the form it is stored: any case, with or without dashes, and the letters people mistake for
 * digits (O for 0, I and L for 1) read as those digits. Null for what cannot be a code.
 */
export function canonicalCode(typed: string): string | null {
  const symbols = typed.toUpperCase().replaceAll('-', '').replaceAll('O', '0').replace(/[IL]/g, '1');
  if (symbols.length !== SYMBOLS || ![...symbols].every((symbol) => ALPHABET.includes(symbol))) return null;
  return grouped(symbols);
}
