import type { Institution } from '@apoc/shared';
import { ANNOUNCEMENT_AUDIENCES, ANNOUNCEMENT_BODY_MAX } from '@apoc/shared/domain';
import { describe, expect, it } from 'vitest';
import {
  AUDIENCE_OPTIONS,
  audienceLabel,
  announcementBody,
  announcementTitle,
  draftProblems,
  emptyDraft,
  emptyTranslations,
  previewRequest,
  registrantsText,
  toCreateAnnouncement,
  translatedLanguages,
  translationState,
} from './announcements';

const asan = { id: 'asan', name: 'Asan Medical Center' } as Institution;

describe('announcements in the web app', () => {
  it('offers every audience of the contract, each in words', () => {
    expect(AUDIENCE_OPTIONS.map((option) => option.value)).toEqual([...ANNOUNCEMENT_AUDIENCES]);
    expect(AUDIENCE_OPTIONS.every((option) => option.label.length > 0)).toBe(true);
  });

  it('counts registrants in words', () => {
    expect(registrantsText(1)).toBe('1 registrant');
    expect(registrantsText(23)).toBe('23 registrants');
  });

  it('names the audience of a sent announcement', () => {
    expect(audienceLabel({ audience: 'virtual', institutionId: null }, [asan])).toBe('Online');
    expect(audienceLabel({ audience: 'institution', institutionId: 'asan' }, [asan])).toBe('Asan Medical Center');
    expect(audienceLabel({ audience: 'institution', institutionId: 'gone' }, [asan])).toBe('One institution');
  });

  it('counts recipients only once the institution is chosen', () => {
    expect(previewRequest({ ...emptyDraft(), audience: 'in_person' })).toEqual({ audience: 'in_person' });
    expect(previewRequest({ ...emptyDraft(), audience: 'institution' })).toBeNull();
    expect(previewRequest({ ...emptyDraft(), audience: 'institution', institutionId: 'asan' })).toEqual({
      audience: 'institution',
      institutionId: 'asan',
    });
  });

  it('says what is missing before sending', () => {
    expect(draftProblems({ ...emptyDraft(), audience: 'institution' })).toEqual({
      title: 'Give the announcement a title.',
      body: 'Write the message.',
      audience: 'Choose the institution.',
    });
    expect(draftProblems({ ...emptyDraft(), title: 'a\nb', body: 'x'.repeat(ANNOUNCEMENT_BODY_MAX + 1) })).toEqual({
      title: 'Keep the title to one line.',
      body: `Keep the message to ${ANNOUNCEMENT_BODY_MAX} characters.`,
    });
    expect(draftProblems({ ...emptyDraft(), title: 'Room change', body: 'Hall B.' })).toEqual({});
  });

  it('sends the institution only with the institution audience, and trimmed words', () => {
    expect(
      toCreateAnnouncement({ title: ' Room change ', body: ' Hall B. ', audience: 'all', institutionId: 'asan' }),
    ).toEqual({ title: 'Room change', body: 'Hall B.', audience: 'all' });
    expect(
      toCreateAnnouncement({ title: 'Visa', body: 'Letters.', audience: 'institution', institutionId: 'asan' }),
    ).toEqual({ title: 'Visa', body: 'Letters.', audience: 'institution', institutionId: 'asan' });
  });

  it('sends the translations given, trimmed, and none when every language is left empty', () => {
    const draft = { ...emptyDraft(), title: 'Room change', body: 'Hall B.' };
    const translations = emptyTranslations();
    expect(toCreateAnnouncement(draft, translations)).toEqual({
      title: 'Room change',
      body: 'Hall B.',
      audience: 'all',
    });
    translations.ko = { title: ' 강의실 변경 ', body: ' ' };
    translations.es = { title: '', body: 'Sala B.' };
    expect(toCreateAnnouncement(draft, translations).translations).toEqual({
      es: { body: 'Sala B.' },
      ko: { title: '강의실 변경' },
    });
  });

  it('tells how far each language is translated, and reads the page language’s words, else the original', () => {
    expect(translationState({ title: 'a', body: 'b' })).toBe('given');
    expect(translationState({ title: 'a', body: ' ' })).toBe('title_only');
    expect(translationState({ body: 'b' })).toBe('body_only');
    expect(translationState(undefined)).toBe('missing');
    const announcement = { title: 'Raumwechsel', body: 'Halle B.', translations: { ko: { title: '강의실 변경' } } };
    expect(translatedLanguages(announcement.translations)).toEqual(['ko']);
    expect(announcementTitle(announcement, 'ko')).toBe('강의실 변경');
    expect(announcementBody(announcement, 'ko')).toBe('Halle B.');
    expect(announcementTitle(announcement, 'en')).toBe('Raumwechsel');
  });
});
