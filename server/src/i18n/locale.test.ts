import { describe, expect, it } from 'vitest';
import { languageOf, m, pickLanguage } from './locale';

describe('pickLanguage', () => {
  it('takes the visitor’s choice first', () => {
    expect(pickLanguage('de', 'ko-KR,ko;q=0.9')).toBe('de');
  });

  it('ignores a choice the platform does not speak', () => {
    expect(pickLanguage('it', 'fr-CA,fr;q=0.8')).toBe('fr');
  });

  it('takes the first spoken browser language by quality', () => {
    expect(pickLanguage(undefined, 'it-IT;q=0.9, es;q=0.5, ko;q=0.7')).toBe('ko');
    expect(pickLanguage(undefined, 'ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('ko');
    expect(pickLanguage(undefined, 'de;q=0, es')).toBe('es');
  });

  it('falls back to English', () => {
    expect(pickLanguage(undefined, undefined)).toBe('en');
    expect(pickLanguage(undefined, 'it, pt-BR')).toBe('en');
    expect(pickLanguage(undefined, ';;,q=,')).toBe('en');
  });
});

describe('server messages', () => {
  it('are written in the language asked for', () => {
    expect(m.app_description({}, { locale: 'de' })).toMatch(/Onkologie/);
    expect(languageOf('ko')).toBe('ko');
    expect(languageOf(null)).toBe('en');
    expect(languageOf('xx')).toBe('en');
  });

  it('refuse to guess a language', () => {
    expect(() => m.app_description()).toThrow(/without \{ locale \}/);
  });
});
