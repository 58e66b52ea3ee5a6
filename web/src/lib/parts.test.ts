import { describe, expect, it } from 'vitest';
import { SLOT, around } from './parts';

describe('around', () => {
  it('splits a message around its styled piece, wherever the language puts it', () => {
    expect(around(`Registration closes ${SLOT}.`)).toEqual(['Registration closes ', '.']);
    expect(around(`${SLOT}에 등록이 마감됩니다.`)).toEqual(['', '에 등록이 마감됩니다.']);
  });

  it('keeps a message without the piece whole', () => {
    expect(around('Registration is closed.')).toEqual(['Registration is closed.', '']);
  });
});
