import { readFileSync } from 'node:fs';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import { ModerationGateway, ModerationLiveEvents } from '../../src/moderation/moderation.gateway.js';
import { LiveEvents } from '../../src/realtime/live-events.js';
import { RealtimeGateway } from '../../src/realtime/realtime.gateway.js';
import { startKolom, type TestKolom } from '../support/test-app.js';

type Json = Record<string, any>;

/** Every `$ref` in a document, with where it points. */
function refsOf(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsOf(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsOf(value, found);
    }
  }
  return found;
}

/** Follows a local JSON pointer (#/components/schemas/X) in the document. */
const resolve = (document: Json, ref: string): unknown =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);

/** The socket.io events a gateway handles: its @SubscribeMessage names, read from the class itself. */
function handledBy(gateway: { prototype: object }): string[] {
  const prototype = gateway.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    const message = typeof handler === 'function' ? Reflect.getMetadata(MESSAGE_METADATA, handler) : undefined;
    return typeof message === 'string' ? [message] : [];
  });
}

/** The API's own descriptions: what a developer reads, served by a running Kolom. */
describe('the API documents', () => {
  let kolom: TestKolom;
  beforeAll(async () => {
    kolom = await startKolom();
  });
  afterAll(() => kolom?.close());

  describe('OpenAPI (/docs/openapi.json)', () => {
    let document: Json;
    let operations: Array<{ name: string; operation: Json }>;
    beforeAll(async () => {
      document = (await kolom.request('GET', '/docs/openapi.json')).body;
      operations = Object.entries(document.paths as Json).flatMap(([path, methods]) =>
        Object.entries(methods as Json).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation: operation as Json })),
      );
    });

    it('describes what every operation answers: a schema for each body, and 204s without one', () => {
      expect(operations.length).toBeGreaterThan(40);
      const missing = operations.flatMap(({ name, operation }) => {
        const successes = Object.entries(operation.responses as Json).filter(([status]) => /^2\d\d$/.test(status));
        if (successes.length === 0) return [`${name}: no 2xx`];
        return successes.flatMap(([status, response]) =>
          status === '204' || Object.values((response as Json).content ?? {}).some((media) => (media as Json).schema)
            ? []
            : [`${name}: ${status} without a schema`],
        );
      });
      expect(missing).toEqual([]);
    });

    it('documents the refusals of every API route with the error body, and the body is described', () => {
      const api = operations.filter(({ name }) => name.includes(' /api/'));
      const withoutRefusals = api.filter(({ operation }) => !Object.keys(operation.responses as Json).some((status) => /^4\d\d$/.test(status)));
      expect(withoutRefusals.map(({ name }) => name)).toEqual([]);
      const notErrorAnswer = api.flatMap(({ name, operation }) =>
        Object.entries(operation.responses as Json)
          .filter(([status]) => /^[45]\d\d$/.test(status))
          .filter(([, response]) => (response as Json).content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorAnswer')
          .map(([status]) => `${name} ${status}`),
      );
      expect(notErrorAnswer).toEqual([]);
      expect(document.components.schemas.ErrorAnswer.properties).toEqual(
        expect.objectContaining({ statusCode: expect.any(Object), message: expect.any(Object), fields: expect.any(Object) }),
      );
      // The comment form's refusals, as DESIGN.md's table has them.
      expect(Object.keys(document.paths['/api/v1/comments'].post.responses)).toEqual(
        expect.arrayContaining(['400', '403', '404', '409', '413', '422', '429', '503']),
      );
    });

    it("has the moderators' bearer scheme (Swagger UI's Authorize button) on every moderation route", () => {
      expect(document.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
      const moderation = operations.filter(({ name }) => name.includes(' /api/v1/moderation/'));
      expect(moderation.length).toBeGreaterThan(25);
      expect(
        moderation.filter(({ operation }) => !(operation.security as unknown[] | undefined)?.some((s) => 'bearer' in (s as Json))).map((o) => o.name),
      ).toEqual([]);
      expect(moderation.filter(({ operation }) => !('401' in operation.responses)).map((o) => o.name)).toEqual([]);
    });

    it('has no reference to a schema it does not define', () => {
      const dangling = refsOf(document).filter((ref) => resolve(document, ref) === undefined);
      expect(dangling).toEqual([]);
    });
  });

  describe('AsyncAPI (docs/asyncapi.json, served at /docs/asyncapi.json)', () => {
    const document = JSON.parse(readFileSync('docs/asyncapi.json', 'utf8')) as Json;
    const messages = Object.values(document.components.messages as Json) as Json[];
    const operations = Object.values(document.operations as Json) as Json[];
    /** The event names of the messages an operation of this action carries. */
    const named = (action: 'send' | 'receive') =>
      operations
        .filter((o) => o.action === action)
        .flatMap((o) => (o.messages as Json[]).map((ref) => (resolve(document, ref.$ref) as Json).$ref).map((ref) => (resolve(document, ref) as Json).name));

    it('is served as it is in the repository, an AsyncAPI 3.0 document', async () => {
      const served = await kolom.request('GET', '/docs/asyncapi.json');
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toContain('application/json');
      expect(served.body).toEqual(document);
      expect(document.asyncapi).toBe('3.0.0');
      expect(Object.keys(document.channels).sort()).toEqual(['moderators', 'readers']);
      expect(document.channels.readers.address).toBe('/');
      expect(document.channels.moderators.address).toBe('/moderation');
    });

    it('describes every event the server handles and every event it emits, with a payload', () => {
      const handled = [...handledBy(RealtimeGateway), ...handledBy(ModerationGateway)];
      expect(handled).toEqual(expect.arrayContaining(['join', 'leave']));
      expect(named('send')).toEqual(expect.arrayContaining(handled));
      const emitted = [...Object.values(LiveEvents), ...Object.values(ModerationLiveEvents)];
      expect(emitted.length).toBeGreaterThan(8);
      expect(named('receive').sort()).toEqual([...emitted].sort());
      expect(messages.filter((message) => !message.payload).map((message) => message.name)).toEqual([]);
    });

    it('answers each handled event (the socket.io acknowledgement) and resolves every reference', () => {
      for (const operation of operations.filter((o) => o.action === 'send')) expect(operation.reply?.messages?.length).toBeGreaterThan(0);
      const dangling = refsOf(document).filter((ref) => resolve(document, ref) === undefined);
      expect(dangling).toEqual([]);
    });
  });
});
