import { describe, expect, it } from 'vitest';
import { needsSignIn, resolveRoute } from '../../routes';
import { organiseTabPath } from '../organise/OrganiseTabs.svelte';

describe('the Credits tab’s address', () => {
  it('is a summit’s organiser tab of its own, behind a sign-in', () => {
    expect(organiseTabPath('s-2027-essen', 'credits')).toBe('/organise/summits/s-2027-essen/credits');
    const route = resolveRoute('/organise/summits/s-2027-essen/credits');
    expect(route).toEqual({ name: 'organise-credits', summitId: 's-2027-essen' });
    expect(needsSignIn(route)).toBe(true);
  });
});
