import { describe, expect, it } from 'vitest';
import { LANGUAGE_CHOICES, languageName, regionalLocale } from './language';

describe('the page language', () => {
  it('keeps the browser’s region for the language the page is in', () => {
    expect(regionalLocale('en', ['en-US', 'en'])).toBe('en-US');
    expect(regionalLocale('de', ['fr-FR', 'de-AT', 'de'])).toBe('de-AT');
  });

  it('writes a language the browser does not ask for in that language alone', () => {
    expect(regionalLocale('ko', ['en-US', 'en'])).toBe('ko');
    expect(regionalLocale('fr', [])).toBe('fr');
  });

  it('names each language in its own words', () => {
    expect(languageName('de')).toBe('Deutsch');
    expect(languageName('ko')).toBe('한국어');
    expect(languageName('fr')).toBe('Français');
    expect(LANGUAGE_CHOICES.map((choice) => choice.code)).toEqual(['en', 'fr', 'de', 'es', 'ko']);
    // Written out, as the languages themselves name themselves (what Intl.DisplayNames says, capitalised).
    for (const { code, name } of LANGUAGE_CHOICES) {
      const own = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? '';
      expect(name).toBe(own.charAt(0).toLocaleUpperCase(code) + own.slice(1));
    }
  });
});

describe('a summit’s own texts', () => {
  it('show the page language’s translation, else the original', async () => {
    const { summitDescription, summitTitle } = await import('./language');
    // Component tests run in English.
    expect(summitTitle({ title: 'Spring Summit', translations: { en: { title: 'APoC Spring Summit' } } })).toBe(
      'APoC Spring Summit',
    );
    expect(summitTitle({ title: 'Spring Summit', translations: { fr: { title: 'Sommet' } } })).toBe('Spring Summit');
    expect(summitDescription({ title: 'x', description: 'Two days.', translations: { en: { title: 'y' } } })).toBe(
      'Two days.',
    );
  });
});
