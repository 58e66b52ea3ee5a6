import { randomBytes } from 'node:crypto';

const CHECK_IN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CHECK_IN_CODE_LENGTH = 10;
// Random bytes drawn a few kilobytes at a time: asking the system's generator for ten bytes per
// registration cost more than the rest of choosing a code.
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** A check-in code people can read out or type: 10 characters from an alphabet without look-alikes. */
export function newCheckInCode(): string {
  if (randomOffset + CHECK_IN_CODE_LENGTH > randomPool.length) {
    randomPool = randomBytes(4096);
    randomOffset = 0;
  }
  let code = '';
  // 256 is a multiple of the alphabet's 32 letters, so every letter is equally likely.
  for (let i = 0; i < CHECK_IN_CODE_LENGTH; i++) {
    code += CHECK_IN_ALPHABET[(randomPool[randomOffset + i] ?? 0) % CHECK_IN_ALPHABET.length];
  }
  randomOffset += CHECK_IN_CODE_LENGTH;
  return code;
}
