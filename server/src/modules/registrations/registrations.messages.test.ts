import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { SummitRow } from '../summits/summits.repository';
import { AttachmentRenderers, type RenderedAttachment } from '../outbox/outbox.attachments';
import { checkInQrCode, confirmation, qrPng, summitInvitation } from './registrations.messages';

describe('the check-in QR code', () => {
  it('draws each module of the code as a black square of 8 pixels in a white quiet zone of 4 modules', () => {
    const { modules } = QRCode.create('ABCDEFGH23', { errorCorrectionLevel: 'M' });
    const image = PNG.sync.read(qrPng('ABCDEFGH23'));
    const size = (modules.size + 8) * 8;
    expect([image.width, image.height]).toEqual([size, size]);
    const expected = Buffer.alloc(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const row = Math.floor(y / 8) - 4;
        const col = Math.floor(x / 8) - 4;
        const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
        const shade = inside && modules.get(row, col) === 1 ? 0 : 255;
        expected.set([shade, shade, shade, 255], (y * size + x) * 4);
      }
    }
    expect(image.data.equals(expected)).toBe(true);
  });
});

describe('the confirmation e-mail', () => {
  const summit = {
    id: 'summit-1',
    title: 'Essen Summit',
    timeZone: 'Europe/Berlin',
    startDate: '2027-03-10',
    endDate: '2027-03-11',
    venueName: 'UK Essen',
    venueAddress: null,
    venueCity: 'Essen',
  } as unknown as SummitRow;
  const context = {
    summit,
    publicUrl: new URL('https://summits.example.org'),
    // 09:30 in Essen on Wednesday 10 March: 17:30 in Seoul, 00:30 in Los Angeles.
    firstSessionStart: new Date('2027-03-10T08:30:00Z'),
  };
  const recipient = { name: 'Ada', email: 'ada@example.org', timeZone: 'Asia/Seoul' };

  /** The attachments as the outbox worker sends them, after the message went through the outbox as JSON. */
  function sent(attachments: unknown): Promise<RenderedAttachment[]> {
    const renderers = new AttachmentRenderers();
    renderers.define(
      summitInvitation(
        async (summitId, attendee) => `invitation to ${summitId} for ${attendee.email}`,
        () => new Date(),
      ),
    );
    renderers.define(checkInQrCode);
    return renderers.render(JSON.parse(JSON.stringify(attachments)));
  }

  it('queues no drawn attachment, only the summit and the attendee the invitation is drawn for when sent', async () => {
    const message = confirmation(context, recipient, { mode: 'in_person', checkInCode: 'ABCDEFGH23' }, false);
    expect(message.attachments?.every((attachment) => !('content' in attachment))).toBe(true);
    expect(JSON.stringify(message.attachments).length).toBeLessThan(1_000);
    const [invite, qr] = await sent(message.attachments);
    expect(invite?.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(invite?.content.toString('utf8')).toBe('invitation to summit-1 for ada@example.org');
    expect(qr).toEqual({ filename: 'check-in.png', contentType: 'image/png', content: qrPng('ABCDEFGH23') });
  });

  it('still draws a one-event invitation queued by an earlier version', async () => {
    const [invite] = await sent([
      {
        filename: 'invite.ics',
        contentType: 'text/calendar; charset=utf-8; method=REQUEST',
        renderer: 'registration-summit-invitation',
        input: {
          uid: 'summit-summit-1@summits.example.org',
          sequence: 0,
          title: 'Essen Summit',
          description: 'Your registration is confirmed.',
          location: 'UK Essen',
          url: 'https://summits.example.org/summits/summit-1',
          timeZone: 'Europe/Berlin',
          start: '2027-03-09T23:00:00.000Z',
          end: '2027-03-11T23:00:00.000Z',
          organizer: { name: 'APoC Summits', email: 'no-reply@summits.example.org' },
          attendee: { name: 'Ada', email: 'ada@example.org' },
        },
      },
    ]);
    expect(invite?.content.toString('utf8')).toContain('DTSTART;TZID=Europe/Berlin:20270310T000000');
  });

  it('has no QR code for an online place, and says the first session’s start in both zones', async () => {
    const message = confirmation(context, recipient, { mode: 'virtual', checkInCode: 'ABCDEFGH23' }, true);
    expect((await sent(message.attachments)).map((attachment) => attachment.filename)).toEqual(['invite.ics']);
    expect(message.text).toContain(
      'It starts Wed 10 Mar 2027, 17:30 (Seoul), which is Wed 10 Mar 2027, 09:30 (Berlin) summit time.',
    );
  });

  it('names the day before the start for a member in Los Angeles', () => {
    const angeleno = { ...recipient, timeZone: 'America/Los_Angeles' };
    const message = confirmation(context, angeleno, { mode: 'virtual', checkInCode: 'ABCDEFGH23' }, false);
    expect(message.text).toContain('It starts Wed 10 Mar 2027, 00:30 (Los Angeles), which is');
  });

  it('gives the summit’s dates, not a made-up hour, while no session is scheduled', () => {
    const unscheduled = { ...context, firstSessionStart: null };
    const message = confirmation(unscheduled, recipient, { mode: 'virtual', checkInCode: 'ABCDEFGH23' }, false);
    expect(message.text).toContain('It takes place from Wed 10 Mar 2027 to Thu 11 Mar 2027 (Berlin)');
    expect(message.text).not.toMatch(/\d\d:\d\d/);
  });
});
