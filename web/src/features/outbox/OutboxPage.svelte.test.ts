import type { OutboxMessage, OutboxPage as Page } from '@apoc/shared';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import OutboxPage from './OutboxPage.svelte';

// A sign-in link queued at 13:00 whose next try (13:01) has long passed: late only if a mail server is set.
const queued: OutboxMessage = {
  id: 'mail-1',
  kind: 'sign-in',
  recipient: 'organiser@demo.apoc.test',
  subject: 'Your sign-in link for APoC Summits',
  status: 'queued',
  attempts: 0,
  nextAttemptAt: '2027-03-09T13:01:00.000Z',
  lastError: null,
  sentAt: null,
  createdAt: '2027-03-09T13:00:00.000Z',
};

const page = (mailServerConfigured: boolean): Page => ({
  counts: { queued: 1, sending: 0, sent: 0, failed: 0 },
  messages: [queued],
  mailServerConfigured,
});

describe('<OutboxPage>', () => {
  let component: ReturnType<typeof mount> | undefined;

  afterEach(() => {
    if (component) void unmount(component);
    component = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function render(answer: Page) {
    const body = JSON.stringify(answer);
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }))),
    );
    component = mount(OutboxPage, { target: document.body });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }

  const notice = () => document.querySelector('[data-testid="outbox-no-mail-server"]');
  const row = () => document.querySelector('[data-testid="outbox-table"] tbody tr')?.textContent ?? '';

  it('says plainly that mail is kept until SMTP_URL is set, instead of showing queued mail as late', async () => {
    await render(page(false));
    expect(notice()?.textContent).toContain('No mail server is configured: mail is kept here until SMTP_URL is set.');
    expect(row()).toContain('Kept until SMTP_URL is set');
    expect(row()).not.toContain('Next try');
  });

  it('shows the next try of queued mail when a mail server is configured', async () => {
    await render(page(true));
    expect(notice()).toBeNull();
    expect(row()).toContain('Next try');
  });
});
