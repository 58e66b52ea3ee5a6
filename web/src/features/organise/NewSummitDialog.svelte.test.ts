import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { polyfillModalDialogs } from '../../testing/dialog';
import NewSummitDialog from './NewSummitDialog.svelte';

describe('<NewSummitDialog>', () => {
  let component: ReturnType<typeof mount> | undefined;
  const fetch = vi.fn();

  beforeAll(polyfillModalDialogs);

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
    fetch.mockClear();
  });

  function render() {
    vi.stubGlobal('fetch', fetch);
    component = mount(NewSummitDialog, {
      target: document.body,
      props: { open: true, institutions: [], oncreated: () => undefined },
    });
    flushSync();
  }

  const field = (label: string) => {
    const found = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
    return document.getElementById(found?.htmlFor ?? '') as HTMLInputElement;
  };
  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
  };
  const submit = async () => {
    document.querySelector('form')?.requestSubmit();
    await Promise.resolve();
    flushSync();
  };
  const errors = () => [...document.querySelectorAll('.field-error')].map((error) => error.textContent?.trim());

  it('takes each error away as soon as its field is fixed, without waiting for the next submit', async () => {
    render();
    await submit();
    expect(errors()).toEqual([
      'Give the summit a title.',
      'An in-person or hybrid summit needs a venue (“To be announced” will do for now).',
    ]);
    expect(field('Title').getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();

    type(field('Title'), 'Autumn Summit');
    expect(errors()).toEqual(['An in-person or hybrid summit needs a venue (“To be announced” will do for now).']);
    expect(field('Title').hasAttribute('aria-invalid')).toBe(false);
    expect(field('Title').hasAttribute('aria-describedby')).toBe(false);

    type(field('Venue'), 'To be announced');
    expect(errors()).toEqual([]);
  });

  it('rewords a message while its field is still wrong, and adds none before the next submit', async () => {
    render();
    type(field('Venue'), 'Grugahalle');
    type(field('Last day'), '2000-01-01');
    await submit();
    expect(errors()).toEqual(['Give the summit a title.', 'The last day cannot come before the first.']);

    // Still wrong, for another reason: the message follows.
    type(field('Last day'), '2999-01-01');
    expect(errors()).toEqual(['Give the summit a title.', 'A summit lasts at most two weeks.']);

    // A field made wrong after the submit is judged at the next one.
    type(field('Venue'), '');
    expect(errors()).toEqual(['Give the summit a title.', 'A summit lasts at most two weeks.']);
  });
});
