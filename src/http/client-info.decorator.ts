import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

const MAX_USER_AGENT = 512;

/** Who sent the request, as the HTTP layer saw it. Private: stored for moderators, never shown. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The poster's IP (the socket's address, or X-Forwarded-For when TRUST_PROXY says which proxies to
 * believe) and user agent. Private: stored for moderators and the spam checks only.
 */
export const Client = createParamDecorator((_: unknown, context: ExecutionContext): ClientInfo => {
  const request = context.switchToHttp().getRequest<Request>();
  const ip = request.ip ?? null;
  return {
    // "::ffff:1.2.3.4" is how an IPv4 client looks on a dual-stack socket; keep one spelling per client.
    ip: ip?.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip,
    userAgent: request.get('user-agent')?.slice(0, MAX_USER_AGENT) ?? null,
  };
});
