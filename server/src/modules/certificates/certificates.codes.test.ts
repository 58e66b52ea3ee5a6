import { CertificateCodeParams } from '@apoc/shared';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { canonicalCode, newCertificateCode } from './certificates.codes';

describe('certificate codes', () => {
  const params = Compile(CertificateCodeParams);

  it('writes 28 symbols of an unambiguous alphabet in groups of four, as the API’s parameter accepts', () => {
    const code = newCertificateCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(params.Check({ code })).toBe(true);
  });

  it('draws 140 random bits: every symbol takes every value, and no two of 10,000 codes are the same', () => {
    const codes = Array.from({ length: 10_000 }, newCertificateCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (let position = 0; position < 28; position++) {
      const seen = new Set(codes.map((code) => code.replaceAll('-', '')[position]));
      expect(seen.size).toBe(32);
    }
  });

  it('reads a code back as typed: any case, without dashes, O for 0 and I or L for 1', () => {
    const code = newCertificateCode();
    expect(canonicalCode(code)).toBe(code);
    expect(canonicalCode(code.toLowerCase().replaceAll('-', ''))).toBe(code);
    expect(canonicalCode('0000-1111-2222-3333-4444-5555-6666'.replace('0000', 'OoOo').replace('1111', 'IiLl'))).toBe(
      '0000-1111-2222-3333-4444-5555-6666',
    );
    expect(canonicalCode('UUUU-1111-2222-3333-4444-5555-6666')).toBeNull();
    expect(canonicalCode('ABCD-1234')).toBeNull();
  });
});
