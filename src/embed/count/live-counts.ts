/**
 * Live counts for count.js's data-live: Kolom's socket.io endpoint spoken directly over a
 * WebSocket (Engine.IO 4 framing, socket.io protocol 5). count.js reads one event; socket.io-client
 * would be ten times the size of the whole script for it. What is spoken here: `0` open → `40`
 * connect; `2` ping → `3` pong; `42<id>["join",…]` → `43<id>[ack]`; `42["article.stats",…]` and
 * `42["article.started",…]` from the server; `44` a refused connection (an origin no site allows).
 */

/** The server's own limit per connection (RealtimeGateway's MAX_ROOMS_PER_SOCKET). */
export const MAX_LIVE_ARTICLES = 10;

interface JoinAnswer {
  articleId?: number | null;
  url?: string;
  error?: unknown;
}

export function followCounts(host: string, site: string, urls: string[], update: (url: string, count: number) => void): void {
  /** The URL as the page gave it, by article id, and, for an article without comments yet, by canonical URL. */
  const byId = new Map<number, string>();
  const awaited = new Map<string, string>();
  let failures = 0;
  let refused = false;

  const connect = (): void => {
    const socket = new WebSocket(`${host.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    socket.onmessage = ({ data }: MessageEvent) => {
      const text = String(data);
      if (text === '2') socket.send('3');
      else if (text[0] === '0') socket.send('40');
      else if (text.startsWith('40')) {
        failures = 0;
        urls.slice(0, MAX_LIVE_ARTICLES).forEach((url, id) => socket.send(`42${id}${JSON.stringify(['join', { site, url }])}`));
      } else if (text.startsWith('43')) {
        const ack = /^43(\d+)(\[.*)$/s.exec(text);
        const url = ack && urls[Number(ack[1])];
        const answer = ack && (JSON.parse(ack[2]) as JoinAnswer[])[0];
        if (!url || !answer || answer.error) return;
        if (typeof answer.articleId === 'number') byId.set(answer.articleId, url);
        else if (typeof answer.url === 'string') awaited.set(answer.url, url);
      } else if (text.startsWith('42')) {
        const [name, event] = JSON.parse(text.slice(2)) as [string, { articleId?: number; count?: number; url?: string }];
        if (name === 'article.started' && typeof event.articleId === 'number') {
          const url = awaited.get(event.url ?? '');
          if (url) byId.set(event.articleId, url);
        } else if (name === 'article.stats' && typeof event.count === 'number') {
          const url = byId.get(event.articleId ?? 0);
          if (url) update(url, event.count);
        }
      } else if (text.startsWith('44')) {
        // Refused for good (this page's origin is no site's): stay as the page is.
        refused = true;
        socket.close();
      }
    };
    // Dropped (a server restart, a network change): again, less often each time, up to a minute.
    socket.onclose = () => {
      if (!refused) setTimeout(connect, Math.min(1_000 * 2 ** failures++, 60_000));
    };
  };
  connect();
}
