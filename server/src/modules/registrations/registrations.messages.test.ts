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
    venueName: 'UK Essen',
    venueAddress: null,
    venueCity: 'Essen',
  } as unknown as SummitRow;
  const context = {
    summit,
    publicUrl: new URL('https://summits.example.org'),
    mailFrom: 'APoC Summits <no-reply@summits.example.org>',
    start: new Date('2027-03-09T23:00:00Z'),
    end: new Date('2027-03-11T23:00:00Z'),
  };
  const recipient = { name: 'Ada', email: 'ada@example.org', timeZone: 'Asia/Seoul' };

  /** The attachments as the outbox worker sends them, after the message went through the outbox as JSON. */
  function sent(attachments: unknown): RenderedAttachment[] {
    const renderers = new AttachmentRenderers();
    renderers.define(summitInvitation);
    renderers.define(checkInQrCode);
    return renderers.render(JSON.parse(JSON.stringify(attachments)));
  }

  it('queues no drawn attachment, only what the invitation and the QR code are drawn from when sent', () => {
    const message = confirmation(context, recipient, { mode: 'in_person', checkInCode: 'ABCDEFGH23' }, false);
    expect(message.attachments?.every((attachment) => !('content' in attachment))).toBe(true);
    expect(JSON.stringify(message.attachments).length).toBeLessThan(1_000);
    const [invite, qr] = sent(message.attachments);
    expect(invite?.contentType).toBe('text/calendar; charset=utf-8; method=REQUEST');
    // Long lines are folded: a line break and a space continue the line before.
    const ics = (invite?.content.toString('utf8') ?? '').replace(/\r?\n /g, '');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('UID:summit-summit-1@summits.example.org');
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20270310T000000');
    expect(ics).toMatch(/^ATTENDEE;.*CN="Ada":MAILTO:ada@example\.org\r?$/m);
    expect(qr).toEqual({ filename: 'check-in.png', contentType: 'image/png', content: qrPng('ABCDEFGH23') });
  });

  it('has no QR code for an online place, and says the start in both zones', () => {
    const message = confirmation(context, recipient, { mode: 'virtual', checkInCode: 'ABCDEFGH23' }, true);
    expect(sent(message.attachments).map((attachment) => attachment.filename)).toEqual(['invite.ics']);
    expect(message.text).toContain('which is Wed 10 Mar 2027, 00:00 CET (Berlin) summit time');
  });
});
