import { describe, expect, it } from 'vitest';
import { audienceWords, reaches, recipientsOf } from './announcements.audience';

const seoul = { memberId: 'a', mode: 'in_person', institutionId: 'asan' } as const;
const boston = { memberId: 'b', mode: 'virtual', institutionId: 'dana' } as const;
const guest = { memberId: 'c', mode: 'virtual', institutionId: null } as const;

describe('the audience of an announcement', () => {
  it('reaches every seat holder when written to all', () => {
    expect([seoul, boston, guest].map((r) => reaches({ audience: 'all', institutionId: null }, r))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('reaches only the seat holders of one mode when written to a mode', () => {
    expect(recipientsOf({ audience: 'in_person', institutionId: null }, [seoul, boston, guest])).toEqual([seoul]);
    expect(recipientsOf({ audience: 'virtual', institutionId: null }, [seoul, boston, guest])).toEqual([boston, guest]);
  });

  it('reaches only the members of the institution when written to one, never guests', () => {
    expect(recipientsOf({ audience: 'institution', institutionId: 'dana' }, [seoul, boston, guest])).toEqual([boston]);
    expect(reaches({ audience: 'institution', institutionId: null }, guest)).toBe(false);
  });

  it('writes to each member once, even if they were listed twice', () => {
    expect(recipientsOf({ audience: 'all', institutionId: null }, [seoul, seoul, boston])).toEqual([seoul, boston]);
  });

  it('says whom it is written to', () => {
    expect(audienceWords('virtual', null)).toBe('everyone attending online');
    expect(audienceWords('institution', 'Gustave Roussy')).toBe('everyone registered from Gustave Roussy');
  });
});
