import type { CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import type { Request } from 'express';
import { contentSecurityPolicy, xContentTypeOptions } from 'helmet';

/** Where the moderators' API lives: only the desk, on Kolom's own origin, calls it. */
const MODERATION_API = '/api/v1/moderation';

/**
 * Every answer: no MIME sniffing, and no page of Kolom may be framed by another (the docs' "try it
 * out" buttons, the API's answers). This CSP says only that: the docs page runs Swagger UI's own
 * scripts and styles, which a default-src would have to list. Pages with a policy of their own
 * (the desk, the demo article) replace it with theirs, which also forbids framing.
 */
export const everyAnswerHeaders = [
  xContentTypeOptions(),
  contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: contentSecurityPolicy.dangerouslyDisableDefaultSrc, frameAncestors: ["'none'"] },
  }),
];

/**
 * The public reader API uses no cookies or other credentials, so any page may call it; which pages
 * may show and post comments is decided per site by the article URL's origin. Its answers say `*`
 * rather than echo the page's origin: the same bytes then do for every page, so a CDN keeps one
 * copy of a thread, with no `Vary: Origin` (which some CDNs ignore, serving one page's origin to
 * another). The moderation API
 * answers CORS only for Kolom's own origin: no other page may have its visitors' browsers try
 * passwords or call it with a token. (A cross-origin "simple" POST still reaches the server, but
 * only JSON bodies are parsed, and a JSON content type needs the preflight this refuses.)
 */
export function corsFor(publicUrl: string): CorsOptionsDelegate<Request> {
  const ownOrigin = new URL(publicUrl).origin;
  const shared = { credentials: false, allowedHeaders: ['Content-Type', 'X-Edit-Token'], maxAge: 600 };
  return (request, answer) => {
    const moderation = request.path === MODERATION_API || request.path.startsWith(`${MODERATION_API}/`);
    answer(null, { ...shared, origin: moderation ? ownOrigin : '*' });
  };
}
