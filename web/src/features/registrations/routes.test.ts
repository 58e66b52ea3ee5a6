import { describe, expect, it } from 'vitest';
import { needsSignIn, resolveRoute } from '../../routes';

describe('the registration pages’ addresses', () => {
  it('knows my registrations and a summit’s registrations tab, both behind a sign-in', () => {
    expect(resolveRoute('/me/registrations')).toEqual({ name: 'my-registrations' });
    const organiser = resolveRoute('/organise/summits/s-2027-essen/registrations');
    expect(organiser).toEqual({ name: 'organise-registrations', summitId: 's-2027-essen' });
    expect(needsSignIn(organiser)).toBe(true);
    expect(needsSignIn(resolveRoute('/me/registrations'))).toBe(true);
  });
});
