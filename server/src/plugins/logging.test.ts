import { describe, expect, it } from 'vitest';
import { maskUrl } from './logging';

describe('URLs in logs', () => {
  it('masks sign-in tokens and addresses in query strings', () => {
    expect(maskUrl('/auth/verify?token=abc123&next=/me')).toBe('/auth/verify?token=[redacted]&next=/me');
    expect(maskUrl('/x?email=a%40b.org')).toBe('/x?email=[redacted]');
  });

  it('masks personal calendar feed tokens in paths', () => {
    expect(maskUrl('/api/calendar/s3cr3t.ics')).toBe('/api/calendar/[redacted]');
  });

  it('leaves ordinary URLs alone', () => {
    expect(maskUrl('/api/summits/s-2023?day=2')).toBe('/api/summits/s-2023?day=2');
  });
});
