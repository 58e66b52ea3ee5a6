import { simpleParser, type ParsedMail } from 'mailparser';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  url: string;
  messages: ParsedMail[];
  /**
   * The copies of one outbox message that arrived, told by their Message-ID: other mail the app sends meanwhile (the
   * demo seed's reminders, due or not depending on the hour) does not count.
   */
  copiesOf(outboxId: string): ParsedMail[];
  /** Resolves when `count` messages have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

/** The sinks running in this process, by URL: a helper reads a delivered sign-in link from the one an app uses. */
const running = new Map<string, SmtpSink>();

/** The sink at an app's SMTP_URL, if one was started in this process. */
export function sinkAt(url: string | null): SmtpSink | undefined {
  return url === null ? undefined : running.get(url);
}

/**
 * A real SMTP server on a loopback port, keeping every message it accepts, parsed. With `rejectWith`
 * it refuses every message with that SMTP reply code instead (e.g. 550, a permanent rejection); with
 * `acceptAfterMs` it takes that long to accept each one, as a slow mail server does.
 */
export async function startSmtpSink(
  options: { port?: number; rejectWith?: number; acceptAfterMs?: number } = {},
): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The platform keeps its connection open for the next message; stopping the sink ends it at once
    // rather than after the default 30 s.
    closeTimeout: 100,
    onData(stream, _session, callback) {
      if (options.rejectWith) {
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: options.rejectWith })),
        );
        return;
      }
      simpleParser(stream)
        .then(async (mail) => {
          if (options.acceptAfterMs) await new Promise((resolve) => setTimeout(resolve, options.acceptAfterMs));
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const sink: SmtpSink = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    copiesOf: (outboxId) => messages.filter((mail) => mail.messageId?.startsWith(`<${outboxId}@`)),
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return messages;
    },
    stop: () => {
      running.delete(sink.url);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running.set(sink.url, sink);
  return sink;
}

/** The sign-in token carried by a sign-in mail's link. */
export function tokenFromText(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no sign-in link in: ${text}`);
  return match[1];
}

/** Polls until `check` returns a value other than undefined. */
export async function eventually<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A mail server that accepts connections and never answers: a worker sending there holds
 * the message until nodemailer's greeting timeout (or until it dies). */
export async function silentMailServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
