import { pooledRandomBytes } from '../../ids';

const CHECK_IN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CHECK_IN_CODE_LENGTH = 10;

/** A check-in code people can read out or type: 10 characters from an alphabet without look-alikes. */
export function newCheckInCode(): string {
  const bytes = pooledRandomBytes(CHECK_IN_CODE_LENGTH);
  let code = '';
  // 256 is a multiple of the alphabet's 32 letters, so every letter is equally likely.
  for (const byte of bytes) code += CHECK_IN_ALPHABET[byte % CHECK_IN_ALPHABET.length];
  return code;
}
