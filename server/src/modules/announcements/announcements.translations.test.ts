import { describe, expect, it } from 'vitest';
import { cleanAnnouncementTranslations, wordsIn } from './announcements.translations';

describe('an announcement’s translations', () => {
  it('keeps the texts given, trimmed, and drops empty texts and languages', () => {
    expect(
      cleanAnnouncementTranslations({
        ko: { title: ' 강의실 변경 ', body: '\n본회의는 **B홀**로 옮깁니다.\n' },
        fr: { title: '   ', body: 'La plénière change de salle.' },
        de: { title: '', body: ' ' },
        es: {},
      }),
    ).toEqual({
      ko: { title: '강의실 변경', body: '본회의는 **B홀**로 옮깁니다.' },
      fr: { body: 'La plénière change de salle.' },
    });
    expect(cleanAnnouncementTranslations(undefined)).toEqual({});
  });

  it('gives each language its words, and the original for what was not translated', () => {
    const original = { title: 'Room change', body: 'The plenary moves to Hall B.' };
    const translations = { ko: { title: '강의실 변경', body: '본회의는 B홀로 옮깁니다.' }, fr: { body: 'Salle B.' } };
    expect(wordsIn(original, translations, 'ko')).toEqual({ title: '강의실 변경', body: '본회의는 B홀로 옮깁니다.' });
    expect(wordsIn(original, translations, 'fr')).toEqual({ title: 'Room change', body: 'Salle B.' });
    expect(wordsIn(original, translations, 'de')).toEqual(original);
  });
});
