import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the tests read it. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A header as it was sent, unfolded (mailparser turns some, such as List-*, into objects). */
  header(name: string): string | undefined;
  messageId: string | undefined;
  /** Every http(s) link in the plain text part, in order. */
  links: string[];
}

/**
 * A real SMTP server (the smtp-server package) on a free port of its own, keeping what it
 * receives, parsed by mailparser. `stop` and `start` take it away and bring it back on the same
 * port, as a mail server that is down for a while.
 */
export class TestMailServer {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  static async start(): Promise<TestMailServer> {
    const mail = new TestMailServer();
    await mail.start();
    return mail;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const to = session.envelope.rcptTo.map((r) => r.address).join(',');
            const text = parsed.text ?? '';
            this.received.push({
              to,
              subject: parsed.subject ?? '',
              text,
              html: typeof parsed.html === 'string' ? parsed.html : '',
              header: (name) => headerValue(parsed, name),
              messageId: parsed.messageId,
              links: [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to === address);
  }

  /** Waits until `count` messages reached the address (at most `waitMs`), and answers them. */
  async waitFor(address: string, count = 1, waitMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + waitMs;
    while (this.to(address).length < count) {
      if (Date.now() > deadline)
        throw new Error(
          `expected ${count} message(s) to ${address}, got ${this.to(address).length}: ${this.to(address)
            .map((m) => m.subject)
            .join(' | ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.to(address);
  }
}

function headerValue(parsed: ParsedMail, name: string): string | undefined {
  const line = parsed.headerLines.find((header) => header.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

/** The link in a message that leads to `path` on Kolom. */
export function linkTo(mail: ReceivedMail, path: string): string {
  const link = mail.links.find((href) => new URL(href).pathname === path);
  if (!link) throw new Error(`no link to ${path} in "${mail.subject}": ${mail.links.join(' ')}`);
  return link;
}

/** The value of a hidden field in a page's form. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in the page`);
  return match[1]
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
