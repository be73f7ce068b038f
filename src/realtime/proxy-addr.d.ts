// proxy-addr (Express's own, which computes req.ip) ships no types; this is the one call Kolom makes.
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';
  function proxyaddr(request: IncomingMessage, trust: (address: string, hop: number) => boolean): string;
  export default proxyaddr;
}
