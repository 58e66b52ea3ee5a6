import type { MailboxMessage } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { formatInstant } from '../../lib/instant';
import MailMessage from './MailMessage.svelte';

const message = (overrides: Partial<MailboxMessage> = {}): MailboxMessage => ({
  id: 'mail-1',
  kind: 'sign-in',
  recipient: 'organiser@demo.apoc.test',
  subject: 'Your sign-in link for APoC Summits',
  text: 'Hello Emily,\n\nSign in to APoC Summits:\nhttp://localhost:3000/auth/verify?token=abc\n',
  html: '<p>Hello <script>window.pwned = true</script></p>',
  status: 'queued',
  createdAt: '2027-03-09T13:00:00.000Z',
  ...overrides,
});

describe('<MailMessage>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
  });

  function render(props: Partial<MailboxMessage> = {}) {
    component = mount(MailMessage, { target: document.body, props: { message: message(props), zone: 'Europe/Paris' } });
    flushSync();
    return document.querySelector<HTMLElement>('[data-testid="mail"]');
  }

  it('shows the subject, the recipient, the time with its zone, and the sign-in link as a link', () => {
    const mail = render();
    expect(mail?.querySelector('h2')?.textContent).toBe('Your sign-in link for APoC Summits');
    expect(mail?.textContent).toContain('organiser@demo.apoc.test');
    // In the viewer's zone, with the zone's name (the words follow the runtime's locale).
    const time = mail?.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('2027-03-09T13:00:00.000Z');
    expect(time?.textContent).toBe(formatInstant('2027-03-09T13:00:00.000Z', 'Europe/Paris'));
    expect(time?.textContent).toMatch(/2027.*(14:00|2:00\sPM) \(Paris\)$/);
    const link = mail?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('http://localhost:3000/auth/verify?token=abc');
    expect(link?.getAttribute('rel')).toContain('noreferrer');
  });

  it('writes markup in the text as text', () => {
    const mail = render({ text: '<img src=x onerror="alert(1)"><b>bold</b> javascript:alert(1)' });
    const text = mail?.querySelector('[data-testid="mail-text"]');
    expect(text?.querySelector('img, b, a')).toBeNull();
    expect(text?.textContent).toBe('<img src=x onerror="alert(1)"><b>bold</b> javascript:alert(1)');
  });

  it('shows the HTML part only in a sandboxed frame, built when asked for', () => {
    const mail = render();
    expect(mail?.querySelector('iframe')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    const details = mail?.querySelector('details');
    if (!details) throw new Error('no HTML version');
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    flushSync();
    const frame = mail?.querySelector('iframe');
    expect(frame?.getAttribute('sandbox')).toBe('');
    expect(frame?.getAttribute('srcdoc')).toContain('<script>');
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined();
  });
});
