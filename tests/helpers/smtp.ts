import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  url: string;
  messages: ParsedMail[];
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
 * it refuses every message with that SMTP reply code instead (e.g. 550, a permanent rejection).
 */
export async function startSmtpSink(options: { port?: number; rejectWith?: number } = {}): Promise<SmtpSink> {
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
        .then((mail) => {
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
