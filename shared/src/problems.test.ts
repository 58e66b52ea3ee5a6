import { describe, expect, it } from 'vitest';
import { PROBLEM_BASE, PROBLEM_SLUGS, problemSlug, problemType } from './problems';

describe('the kinds of problem', () => {
  it('builds each type from its slug, and reads the slug back', () => {
    for (const slug of PROBLEM_SLUGS) {
      expect(problemType(slug)).toBe(`${PROBLEM_BASE}${slug}`);
      expect(problemSlug(problemType(slug))).toBe(slug);
    }
  });

  it('knows nothing of types it does not list, about:blank or none', () => {
    expect(problemSlug(`${PROBLEM_BASE}made-up`)).toBeUndefined();
    expect(problemSlug('about:blank')).toBeUndefined();
    expect(problemSlug(undefined)).toBeUndefined();
  });

  it('names each kind once, in lower-case words joined by hyphens', () => {
    expect(new Set(PROBLEM_SLUGS).size).toBe(PROBLEM_SLUGS.length);
    for (const slug of PROBLEM_SLUGS) expect(slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
