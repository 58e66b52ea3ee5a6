import { describe, expect, it } from 'vitest';
import { apiSecurityHeaders, securityHeaders } from './security-headers';

describe('security headers worked out once', () => {
  it('are those helmet sets: the policy from the options, HSTS only when asked, and helmet’s defaults', () => {
    const headers = securityHeaders({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
      strictTransportSecurity: { maxAge: 15_552_000 },
    });
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['strict-transport-security']).toBe('max-age=15552000; includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');

    expect(securityHeaders({ strictTransportSecurity: false })).not.toHaveProperty('strict-transport-security');
  });

  it('give the API the short policy for what is never a page, keeping the transport and isolation headers', () => {
    const page = securityHeaders({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] } },
      strictTransportSecurity: { maxAge: 15_552_000 },
    });
    expect(apiSecurityHeaders(page)).toEqual({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'strict-transport-security': 'max-age=15552000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(apiSecurityHeaders(securityHeaders({ strictTransportSecurity: false }))).not.toHaveProperty(
      'strict-transport-security',
    );
  });
});
