import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  headers: Map<string, unknown>;
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  mails: CapturedMail[];
  /** What the server does with the next messages: take them, refuse them (451), or hold them without answering. */
  mode: 'accept' | 'refuse' | 'stall';
  /** Messages whose DATA arrived while stalling (never answered, so never accepted). */
  stalled: number;
  mailsTo(address: string): CapturedMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on an ephemeral port (the `smtp-server` package), capturing every accepted
 * message: a mail counts as delivered only once the server answered 250, as with any mail server.
 */
export async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = {
    url: '',
    port: 0,
    mails: [],
    mode: 'accept',
    stalled: 0,
    mailsTo: (address) => state.mails.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.mode === 'refuse') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        if (state.mode === 'stall') {
          state.stalled++;
          return; // never answered: the client is left waiting
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          state.mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
            headers: parsed.headers,
            raw,
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.server.address() as { port: number }).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  return state;
}
