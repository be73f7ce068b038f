import type { KolomConfig } from '../config/config.js';
import { SecretsService } from '../secrets/secrets.service.js';
import { FormTokens } from './form-tokens.js';

async function secretsOf(secret: string): Promise<SecretsService> {
  // With KOLOM_SECRET set the secrets service never reads the database.
  const secrets = new SecretsService({ secret } as KolomConfig, undefined as never);
  await secrets.onModuleInit();
  return secrets;
}

const formTokens = async (secret: string) => new FormTokens(await secretsOf(secret));

const URL = 'https://news.example.com/a';
const ARTICLE = { id: 42, url: URL };

describe('form tokens', () => {
  const issuedAt = Date.UTC(2026, 10, 25, 12, 0, 0);

  it('tell how long ago the form was handed out', async () => {
    const tokens = await formTokens('k'.repeat(32));
    const token = tokens.issue(1, URL, issuedAt);
    expect(tokens.check(token, 1, ARTICLE, issuedAt + 7_000)).toEqual({ valid: true, ageSeconds: 7 });
  });

  it('are handed out for an article that has no comment (and no id) yet', async () => {
    const tokens = await formTokens('k'.repeat(32));
    const token = tokens.issue(1, URL, issuedAt);
    // The article's row is created by the first comment: whatever id it gets, the URL is the same.
    expect(tokens.check(token, 1, { id: 7, url: URL }, issuedAt + 4_000)).toEqual({ valid: true, ageSeconds: 4 });
  });

  it('differ for two readers who load the page in the same second', async () => {
    const tokens = await formTokens('k'.repeat(32));
    expect(tokens.issue(1, URL, issuedAt)).not.toBe(tokens.issue(1, URL, issuedAt));
  });

  it('handed out while they were bound to the article id stay good for their day', async () => {
    const secrets = await secretsOf('k'.repeat(32));
    const seconds = issuedAt / 1000;
    const oldest = `42.${seconds}.${secrets.mac('form-token', `1:42:${seconds}`)}`;
    const withNonce = `42.${seconds}.abc.${secrets.mac('form-token', `1:42:${seconds}:abc`)}`;
    expect(new FormTokens(secrets).check(oldest, 1, ARTICLE, issuedAt + 5_000)).toEqual({ valid: true, ageSeconds: 5 });
    expect(new FormTokens(secrets).check(withNonce, 1, ARTICLE, issuedAt + 5_000)).toEqual({ valid: true, ageSeconds: 5 });
    expect(new FormTokens(secrets).check(withNonce, 1, { id: 43, url: URL }, issuedAt + 5_000).valid).toBe(false);
  });

  it('are bound to their site and article', async () => {
    const tokens = await formTokens('k'.repeat(32));
    const token = tokens.issue(1, URL, issuedAt);
    expect(tokens.check(token, 2, ARTICLE, issuedAt).valid).toBe(false);
    expect(tokens.check(token, 1, { id: 42, url: `${URL}b` }, issuedAt).valid).toBe(false);
  });

  it('cannot be forged, altered or reused after a day', async () => {
    const tokens = await formTokens('k'.repeat(32));
    const other = await formTokens('o'.repeat(32));
    const token = tokens.issue(1, URL, issuedAt);
    const [kind, issued, nonce, mac] = token.split('.');
    expect(tokens.check(other.issue(1, URL, issuedAt), 1, ARTICLE, issuedAt).valid).toBe(false);
    expect(tokens.check(`${kind}.${Number(issued) - 60}.${nonce}.${mac}`, 1, ARTICLE, issuedAt).valid).toBe(false);
    expect(tokens.check(`${kind}.${issued}.${nonce}x.${mac}`, 1, ARTICLE, issuedAt).valid).toBe(false);
    expect(tokens.check(`42.${issued}.${nonce}.${mac}`, 1, ARTICLE, issuedAt).valid).toBe(false);
    expect(tokens.check(`${kind}.${issued}.${mac}`, 1, ARTICLE, issuedAt).valid).toBe(false);
    expect(tokens.check(token, 1, ARTICLE, issuedAt + 86_401_000)).toEqual({ valid: false, ageSeconds: null });
    expect(tokens.check(undefined, 1, ARTICLE, issuedAt).valid).toBe(false);
    expect(tokens.check('garbage', 1, ARTICLE, issuedAt).valid).toBe(false);
  });
});
