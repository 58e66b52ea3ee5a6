// Issue 18's unit checks: the catalogue is whole in every language (the same check `pnpm check` runs), and in each
// language a plural, a date, a time with its zone read as people there read them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatMoment, formatTime } from '@apoc/shared/time';
import { describe, expect, it } from 'vitest';
import { m } from './locale';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('the platform’s five languages', () => {
  it('have every key of English, and no other, with the same inputs', () => {
    const check = spawnSync(process.execPath, ['scripts/check-messages.mjs'], { cwd: root, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/in 5 languages, all present and used/);
  });

  it('count with each language’s plurals', () => {
    const counts = (locale: 'en' | 'fr' | 'de' | 'es' | 'ko') =>
      [1, 5].map((count) => m.summit_session_count({ count }, { locale }));
    expect(counts('en')).toEqual(['1 session', '5 sessions']);
    expect(counts('fr')).toEqual(['1 session', '5 sessions']);
    expect(counts('de')).toEqual(['1 Sitzung', '5 Sitzungen']);
    expect(counts('es')).toEqual(['1 sesión', '5 sesiones']);
    // Korean counts with a counter and has no plural.
    expect(counts('ko')).toEqual(['세션 1개', '세션 5개']);
    // French and Spanish have a third form for a million; a message ending with * still reads right.
    expect(m.summit_session_count({ count: 1_000_000 }, { locale: 'fr' })).toBe('1000000 sessions');
  });

  it('write a date and a time with its zone as each language does', () => {
    const instant = new Date('2027-03-09T12:00:00Z');
    expect(formatMoment(instant, 'Asia/Seoul', 'en-GB')).toBe('Tue 9 Mar 2027, 21:00 (Seoul)');
    expect(formatMoment(instant, 'Asia/Seoul', 'fr')).toBe('mar. 9 mars 2027, 21:00 (Séoul)');
    expect(formatMoment(instant, 'Europe/Berlin', 'de')).toBe('Di., 9. März 2027, 13:00 (Berlin)');
    expect(formatMoment(instant, 'Europe/Madrid', 'es')).toBe('mar, 9 mar 2027, 13:00 (Madrid)');
    expect(formatMoment(instant, 'Asia/Seoul', 'ko')).toMatch(/^2027년 3월 9일 \(화\), (오후|PM) 9:00 \(서울\)$/);
    expect(formatTime(instant, 'America/New_York', 'en-US')).toBe('7:00 AM');
  });
});
