import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type ContentCoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Below this a compressed body saves less than its headers cost: always sent as it is. */
export const MIN_COMPRESSED_BYTES = 1024;

/**
 * A thread page as every reader gets it: the same bytes until one of its comments changes, so a
 * browser, a proxy or a CDN may keep it. Its strong validator is a hash of the bytes, so every node
 * that renders the same thread gives the same ETag, and each coding has one of its own (RFC 9110:
 * a strong validator names one representation). Compressed bodies are made once per page, when a
 * reader first asks for that coding, and kept with it.
 */
export class ServedThreadPage {
  readonly hash: string;
  private readonly encoded = new Map<Exclude<ContentCoding, 'identity'>, Promise<Buffer>>();

  constructor(
    readonly body: Buffer,
    /** Names a CDN can purge by (Surrogate-Key / Cache-Tag): the site, and the article once it exists. */
    readonly surrogateKeys: string[],
  ) {
    this.hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  }

  etag(coding: ContentCoding): string {
    return coding === 'identity' ? `"${this.hash}"` : `"${this.hash}-${coding === 'br' ? 'br' : 'gz'}"`;
  }

  /** Whether an If-None-Match list names this page in any coding (the weak comparison RFC 9110 asks of If-None-Match). */
  matches(ifNoneMatch: string | undefined): boolean {
    if (!ifNoneMatch) return false;
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => {
      const opaque = tag.trim().replace(/^W\//, '');
      return opaque === `"${this.hash}"` || opaque === `"${this.hash}-br"` || opaque === `"${this.hash}-gz"`;
    });
  }

  bytes(coding: ContentCoding): Promise<Buffer> {
    if (coding === 'identity') return Promise.resolve(this.body);
    let made = this.encoded.get(coding);
    if (!made) {
      // Brotli's quality 5 compresses a thread page nearly as well as 11 at a small part of the CPU.
      made =
        coding === 'br'
          ? brotli(this.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length } })
          : gzipped(this.body, { level: 6 });
      this.encoded.set(coding, made);
      // A failure is not kept: the next reader tries again.
      made.catch(() => this.encoded.delete(coding));
    }
    return made;
  }

  /** The bytes kept for this page (body and compressed copies made so far), for the cache's size limit. */
  get size(): number {
    return this.body.length * 2;
  }
}
