import type { Member } from '@apoc/shared';
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { router } from '../../lib/router.svelte';
import { session } from '../../lib/session.svelte';
import RequireRole from './RequireRole.svelte';

const member = (role: Member['role']): Member => ({
  id: `m-${role}`,
  email: `${role}@demo.apoc.test`,
  name: role === 'admin' ? 'Noah Bennett' : 'Emily Carter',
  role,
  institutionId: 'amgen',
  timeZone: null,
  effectiveTimeZone: 'America/Los_Angeles',
  reminders: 'starred',
  language: null,
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const content = createRawSnippet(() => ({ render: () => '<p data-testid="content">Members of the network</p>' }));

describe('<RequireRole>', () => {
  let component: ReturnType<typeof mount> | undefined;

  beforeEach(() => {
    router.navigate('/admin/members?q=ana');
  });

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(role?: Member['role']) {
    component = mount(RequireRole, { target: document.body, props: { children: content, ...(role ? { role } : {}) } });
    flushSync();
  }

  const shown = () => document.querySelector('[data-testid="content"]') !== null;

  it('sends a signed-out visitor to sign-in, to come back to the same page', () => {
    session.clear();
    render('admin');
    expect(shown()).toBe(false);
    expect(router.path).toBe('/sign-in');
    expect(new URLSearchParams(router.search).get('next')).toBe('/admin/members?q=ana');
  });

  it('tells a member below the page’s role that it is not for them, without showing it', () => {
    session.setMember(member('organiser'));
    render('admin');
    expect(shown()).toBe(false);
    expect(document.querySelector('[data-testid="not-allowed"]')?.textContent).toContain('Only admins may open');
    expect(document.body.textContent).toContain('Emily Carter');
    expect(router.path).toBe('/admin/members');
  });

  it('shows the page to a member with the role or above', () => {
    session.setMember(member('admin'));
    render('admin');
    expect(shown()).toBe(true);
  });

  it('lets any signed-in member in when the page asks for no role', () => {
    session.setMember(member('guest'));
    render();
    expect(shown()).toBe(true);
  });

  it('sends to sign-in when the sign-in ends while the page is open', () => {
    session.setMember(member('admin'));
    render('admin');
    session.clear();
    flushSync();
    expect(shown()).toBe(false);
    expect(router.path).toBe('/sign-in');
  });
});
