import type { DirectoryMember } from '@apoc/shared';
import { problemType } from '@apoc/shared/problems';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { polyfillModalDialogs } from '../../testing/dialog';
import { institution } from '../../testing/fixtures';
import EditMemberDialog from './EditMemberDialog.svelte';

const jiwoo: DirectoryMember = {
  id: 'm-jiwoo',
  name: 'Jiwoo Kim',
  role: 'member',
  institutionId: 'asan',
  email: 'jiwoo.kim@asan.test',
  active: true,
  lastSignedInAt: null,
};
const institutions = [
  institution(),
  institution({ id: 'peter-mac', shortName: 'Peter Mac', city: 'Melbourne', timeZone: 'Australia/Melbourne' }),
];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

describe('<EditMemberDialog>', () => {
  let component: ReturnType<typeof mount> | undefined;

  beforeAll(polyfillModalDialogs);

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  };
  const input = (id: string) => document.getElementById(id) as HTMLInputElement;
  const change = (element: HTMLInputElement | HTMLSelectElement, value: string) => {
    element.value = value;
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    flushSync();
  };
  const submit = async () => {
    document.querySelector<HTMLFormElement>('#edit-member-form')?.requestSubmit();
    await settle();
  };
  const errors = () => [...document.querySelectorAll('.field-error')].map((error) => error.textContent?.trim());

  function render(fetch: ReturnType<typeof vi.fn>, onsaved = vi.fn()) {
    vi.stubGlobal('fetch', fetch);
    component = mount(EditMemberDialog, {
      target: document.body,
      props: { open: true, member: jiwoo, institutions, onsaved },
    });
    flushSync();
    return onsaved;
  }

  it('starts from the member’s details and sends only what changed', async () => {
    const fetch = vi.fn(() => Promise.resolve(json({ ...jiwoo, email: 'jiwoo@petermac.test' })));
    const onsaved = render(fetch);
    expect(input('edit-member-name').value).toBe('Jiwoo Kim');
    expect(input('edit-member-email').value).toBe('jiwoo.kim@asan.test');

    change(input('edit-member-email'), ' jiwoo@petermac.test ');
    change(document.getElementById('edit-member-institution') as HTMLSelectElement, 'peter-mac');
    await submit();

    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/members/m-jiwoo');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'jiwoo@petermac.test', institutionId: 'peter-mac' });
    expect(onsaved).toHaveBeenCalledOnce();
  });

  it('says so beside the field when another member has the address, until it is changed', async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(json({ type: problemType('email-taken'), title: 'Conflict', status: 409, detail: 'Taken' }, 409)),
    );
    const onsaved = render(fetch);
    change(input('edit-member-email'), 'taken@asan.test');
    await submit();
    expect(errors()).toEqual(['Another member has this e-mail address already: search for them in the list.']);
    expect(input('edit-member-email').getAttribute('aria-invalid')).toBe('true');
    expect(onsaved).not.toHaveBeenCalled();

    change(input('edit-member-email'), 'free@asan.test');
    expect(errors()).toEqual([]);
  });

  it('checks the fields before asking, and lets each message go once its field is fixed', async () => {
    const fetch = vi.fn();
    render(fetch);
    change(input('edit-member-name'), ' ');
    change(input('edit-member-email'), 'no-at-sign');
    await submit();
    expect(fetch).not.toHaveBeenCalled();
    expect(errors()).toHaveLength(2);
    change(input('edit-member-name'), 'Ji-woo Kim');
    expect(errors()).toEqual([expect.stringContaining('“@”')]);
  });
});
