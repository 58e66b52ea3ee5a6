import { describe, expect, it } from 'vitest';
import { AttachmentRenderers, drawnWhenSent, UnknownRenderer, type AttachmentRenderer } from './outbox.attachments';

const greeting: AttachmentRenderer<{ name: string }> = {
  name: 'greeting',
  render: ({ name }) => Buffer.from(`Hello ${name}`),
};

describe('attachments drawn when a message is sent', () => {
  it('stores what is needed to draw an attachment, and survives JSON as the outbox stores it', async () => {
    const stored = drawnWhenSent(greeting, 'hello.txt', 'text/plain', { name: 'Ada' });
    expect(stored).toEqual({
      filename: 'hello.txt',
      contentType: 'text/plain',
      renderer: 'greeting',
      input: { name: 'Ada' },
    });
    const renderers = new AttachmentRenderers();
    renderers.define(greeting);
    const [drawn] = await renderers.render(JSON.parse(JSON.stringify([stored])));
    expect(drawn).toEqual({ filename: 'hello.txt', contentType: 'text/plain', content: Buffer.from('Hello Ada') });
  });

  it('decodes attachments stored already drawn, beside those drawn now, in their order', async () => {
    const renderers = new AttachmentRenderers();
    renderers.define(greeting);
    const drawn = await renderers.render([
      { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('stored').toString('base64') },
      drawnWhenSent(greeting, 'b.txt', 'text/plain', { name: 'Grace' }),
    ]);
    expect(drawn.map((a) => a.content.toString())).toEqual(['stored', 'Hello Grace']);
  });

  it('refuses a message whose renderer this platform does not know, and a name given twice', async () => {
    const renderers = new AttachmentRenderers();
    await expect(
      renderers.render([drawnWhenSent(greeting, 'hello.txt', 'text/plain', { name: 'Ada' })]),
    ).rejects.toThrow(UnknownRenderer);
    renderers.define(greeting);
    expect(() => renderers.define(greeting)).toThrow(/already named greeting/);
  });
});
