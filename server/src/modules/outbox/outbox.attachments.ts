import type { DeferredAttachment, StoredAttachment } from './outbox.repository';

/**
 * Draws one kind of attachment from the input its message stored. A feature that queues such mail
 * registers its renderers with the outbox when it loads, before the worker starts.
 */
export interface AttachmentRenderer<Input> {
  /** Stored with every message that needs it: keep it stable while such messages may still be queued. */
  readonly name: string;
  render(input: Input): Buffer | Promise<Buffer>;
}

/** An attachment as the mail carries it. */
export interface RenderedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * An attachment drawn when its message is sent; `input` must survive JSON (no dates, no buffers). Only
 * the renderer's name is stored: a renderer that needs the application (e.g. the published agenda) is
 * made when the application loads, and the message names it.
 */
export function drawnWhenSent<Input>(
  renderer: Pick<AttachmentRenderer<Input>, 'name'>,
  filename: string,
  contentType: string,
  input: Input,
): DeferredAttachment {
  return { filename, contentType, renderer: renderer.name, input };
}

export class UnknownRenderer extends Error {}

export class AttachmentRenderers {
  private readonly byName = new Map<string, AttachmentRenderer<never>>();

  define<Input>(renderer: AttachmentRenderer<Input>): void {
    if (this.byName.has(renderer.name)) throw new Error(`An attachment renderer is already named ${renderer.name}`);
    this.byName.set(renderer.name, renderer as AttachmentRenderer<never>);
  }

  /** The attachments of a queued message as sent: stored ones decoded, deferred ones drawn now. */
  async render(attachments: StoredAttachment[]): Promise<RenderedAttachment[]> {
    const rendered: RenderedAttachment[] = [];
    for (const attachment of attachments) {
      const { filename, contentType } = attachment;
      if ('content' in attachment) {
        rendered.push({ filename, contentType, content: Buffer.from(attachment.content, 'base64') });
        continue;
      }
      const renderer = this.byName.get(attachment.renderer);
      // A message queued by a version of the platform that knew this renderer: it waits, failed, for an admin.
      if (!renderer) throw new UnknownRenderer(`No attachment renderer is named ${attachment.renderer}`);
      rendered.push({ filename, contentType, content: await renderer.render(attachment.input as never) });
    }
    return rendered;
  }
}
