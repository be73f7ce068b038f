import helmet from 'helmet';

/**
 * Helmet's headers for the desk, with a Content-Security-Policy that allows only the desk's own
 * files and its own API and websocket: no inline script or style, no eval, no other origin, no
 * framing (a moderator's buttons cannot be clickjacked), and Trusted Types required, so even a
 * mistaken innerHTML is refused by the browser instead of running.
 */
export const deskSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      // 'self' covers the same origin's ws:/wss: in CSP Level 3 browsers.
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      requireTrustedTypesFor: ["'script'"],
    },
  },
  // The desk links to articles on news sites: they need not learn the desk's address.
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  strictTransportSecurity: false,
});
