/**
 * The baseline for bench/live.bench.ts: a plain socket.io server with nothing of Kolom in it. It
 * speaks just enough of Kolom's contract for the same clients to use it unchanged: `join` puts
 * the socket in a room named by the article URL and acks, and `POST /api/v1/comments` broadcasts
 * a comment of Kolom's public shape, built from the same form, to that room and answers 201.
 * Forked by the driver; it reports its port over IPC and stops on SIGTERM or when the driver goes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server } from 'socket.io';

/** As Kolom refuses larger incoming socket payloads, so does the baseline. */
const MAX_PAYLOAD_BYTES = 16 * 1024;

const http = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => answer(response, 500, { error: String(error) }));
});
const io = new Server(http, { serveClient: false, maxHttpBufferSize: MAX_PAYLOAD_BYTES });
let nextId = 0;

io.on('connection', (socket) => {
  socket.on('join', (payload: unknown, ack?: (answer: unknown) => void) => {
    const url = (payload as { url?: unknown } | null)?.url;
    if (typeof url !== 'string') {
      ack?.({ error: { status: 400, message: 'url is required' } });
      return;
    }
    void socket.join(url);
    ack?.({ articleId: 1, viewers: io.sockets.adapter.rooms.get(url)?.size ?? 0, lastEventId: nextId });
  });
});

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'GET' && request.url === '/health') return answer(response, 200, { status: 'ok' });
  if (request.method !== 'POST' || request.url !== '/api/v1/comments') return answer(response, 404, { error: 'not found' });
  const form = await readJson(request);
  if (typeof form.url !== 'string' || typeof form.body !== 'string' || typeof form.name !== 'string') {
    return answer(response, 400, { error: 'url, body and name are required' });
  }
  const id = ++nextId;
  // Field for field what Kolom broadcasts, so both servers put the same bytes on the wire.
  const comment = {
    id,
    articleId: 1,
    parentId: null,
    replyToId: null,
    depth: 1,
    author: { name: form.name, website: null },
    body: form.body,
    removed: false,
    createdAt: new Date().toISOString(),
    editedAt: null,
    replies: [],
    eventId: id,
  };
  io.to(form.url).emit('comment.created', comment);
  answer(response, 201, { comment, status: 'approved' });
}

function stop(): void {
  // Not awaited: the exits below end the process either way; a failure to close is only reported.
  io.close().catch((error: unknown) => console.error('closing socket.io:', error));
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
}

process.once('SIGTERM', stop);
process.on('SIGINT', () => undefined); // the driver decides when we stop
process.on('disconnect', stop);

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
