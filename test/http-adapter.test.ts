import './helpers/setup.ts';
import { expect } from '@open-wc/testing';
import { LicenseError } from '../src/adapter/errors.ts';
import { HttpAdapter, parseRetryAfter, type HttpAdapterOptions } from '../src/adapter/http/http-adapter.ts';
import type { License, OfflineChallenge } from '../src/adapter/types.ts';

interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | null;
  credentials: RequestCredentials | undefined;
  signal: AbortSignal | null;
}

type Reply = Response | (() => Response | Promise<Response>) | 'network-error' | 'hang';

/** A fake `fetch` that records each request and answers with the queued replies in order. */
function fakeFetch(...replies: Reply[]): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const signal = init.signal ?? null;
    requests.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : null,
      credentials: init.credentials,
      signal,
    });
    const reply = replies.shift();
    if (reply === undefined) throw new Error(`Unexpected request ${init.method} ${String(input)}`);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    if (reply === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        signal?.throwIfAborted();
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    return typeof reply === 'function' ? reply() : reply;
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function problem(status: number, code: string | undefined, headers: Record<string, string> = {}): Response {
  const body = { type: 'about:blank', title: 'Failed', status, detail: `detail for ${status}`, ...(code === undefined ? {} : { code }) };
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
}

const LICENSE: License = {
  id: 'lic-1',
  product: 'MFA Server',
  key: 'AAAAA-BBBBB',
  seatsUsed: 3,
  seatsTotal: 10,
  issuedAt: '2026-01-01',
  expiresAt: '2027-01-01',
  status: 'active',
};

const CHALLENGE: OfflineChallenge = {
  id: 'chl-1',
  challengeKey: 'AAAAA-BBBBB',
  lifetimeSeconds: 900,
  expiresInSeconds: 900,
  issuedAt: '2026-01-01T10:00:00.000Z',
};

function adapter(fetchImpl: typeof fetch, options: HttpAdapterOptions = {}): HttpAdapter {
  return new HttpAdapter({ baseUrl: 'https://portal.test/api/v1/', fetch: fetchImpl, retryDelayMs: 1, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject');
}

async function licenseError(promise: Promise<unknown>): Promise<LicenseError> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(LicenseError);
  return error as LicenseError;
}

describe('HttpAdapter requests', () => {
  it('sends each call to its path and method', async () => {
    const fake = fakeFetch(
      json({ username: 'jdoe', displayName: 'Jordan Doe', role: 'Admin', canManageLicenses: true }),
      json([LICENSE]),
      json({ kind: 'activated', license: LICENSE }),
      json(null),
      json(CHALLENGE),
      json({ license: LICENSE }),
      json({}),
    );
    const http = adapter(fake.fetch);
    await http.getCurrentUser();
    await http.listLicenses();
    await http.submitLicenseKey('KEY-1');
    expect(await http.getPendingChallenge()).to.equal(null);
    await http.renewChallenge('chl/1');
    await http.activateOffline('chl-1', 'RESP');
    await http.getKeyFormats();

    expect(fake.requests.map((request) => `${request.method} ${request.url}`)).to.deep.equal([
      'GET https://portal.test/api/v1/me',
      'GET https://portal.test/api/v1/licenses',
      'POST https://portal.test/api/v1/licenses',
      'GET https://portal.test/api/v1/offline-challenge',
      'POST https://portal.test/api/v1/offline-challenges/chl%2F1/renewal',
      'POST https://portal.test/api/v1/offline-challenges/chl-1/activation',
      'GET https://portal.test/api/v1/key-formats',
    ]);
    expect(JSON.parse(fake.requests[2]!.body!)).to.deep.equal({ key: 'KEY-1' });
    expect(JSON.parse(fake.requests[5]!.body!)).to.deep.equal({ responseKey: 'RESP' });
    expect(fake.requests[2]!.headers.get('content-type')).to.equal('application/json');
  });

  it('adds headers, token, credentials and CSRF', async () => {
    const fake = fakeFetch(json([LICENSE]), json({ kind: 'activated', license: LICENSE }));
    const http = adapter(fake.fetch, {
      headers: async () => ({ 'x-tenant': 'acme' }),
      getToken: async () => 'token-1',
      credentials: 'include',
      csrf: { header: 'x-csrf-token', token: () => 'csrf-1' },
    });
    await http.listLicenses();
    await http.submitLicenseKey('KEY-1');

    const [read, write] = fake.requests;
    expect(read!.headers.get('x-tenant')).to.equal('acme');
    expect(read!.headers.get('authorization')).to.equal('Bearer token-1');
    expect(read!.credentials).to.equal('include');
    expect(read!.headers.has('x-csrf-token')).to.equal(false);
    expect(write!.headers.get('x-csrf-token')).to.equal('csrf-1');
  });

  it('reports a failing token provider', async () => {
    const fake = fakeFetch(json([]));
    const http = adapter(fake.fetch, {
      getToken: async () => {
        throw new Error('session expired');
      },
    });
    const error = await licenseError(http.listLicenses());
    expect(error.code).to.equal('unknown');
    expect(error.message).to.contain('session expired');
    expect(fake.requests).to.have.length(0);
  });

  it('defaults to same-origin credentials', async () => {
    const fake = fakeFetch(json([]));
    await new HttpAdapter({ fetch: fake.fetch }).listLicenses();
    expect(fake.requests[0]!.url).to.equal('/api/v1/licenses');
    expect(fake.requests[0]!.credentials).to.equal('same-origin');
    expect(fake.requests[0]!.headers.has('authorization')).to.equal(false);
  });
});

describe('HttpAdapter status mapping', () => {
  const cases: [number, string, LicenseError['code']][] = [
    [401, 'getCurrentUser', 'not-signed-in'],
    [403, 'listLicenses', 'forbidden'],
    [404, 'renewChallenge', 'not-found'],
    [409, 'submitLicenseKey', 'key-already-applied'],
    [409, 'activateOffline', 'challenge-replaced'],
    [410, 'activateOffline', 'challenge-expired'],
    [422, 'submitLicenseKey', 'invalid-key'],
    [422, 'activateOffline', 'response-mismatch'],
    [400, 'submitLicenseKey', 'unknown'],
    [500, 'submitLicenseKey', 'unknown'],
  ];

  for (const [status, call, code] of cases) {
    it(`maps ${status} on ${call} to ${code}`, async () => {
      const fake = fakeFetch(problem(status, undefined));
      const http = adapter(fake.fetch, { retries: 0 });
      const calls: Record<string, () => Promise<unknown>> = {
        getCurrentUser: () => http.getCurrentUser(),
        listLicenses: () => http.listLicenses(),
        renewChallenge: () => http.renewChallenge('chl-1'),
        submitLicenseKey: () => http.submitLicenseKey('KEY'),
        activateOffline: () => http.activateOffline('chl-1', 'RESP'),
      };
      const error = await licenseError(calls[call]!());
      expect(error.code).to.equal(code);
      expect(error.message).to.contain(`HTTP ${status}`);
      expect(error.message).to.contain(`detail for ${status}`);
    });
  }

  it('prefers the problem code to the status', async () => {
    const error = await licenseError(adapter(fakeFetch(problem(422, 'wrong-product')).fetch).submitLicenseKey('KEY'));
    expect(error.code).to.equal('wrong-product');
  });

  it('keeps 401 and 403 apart', async () => {
    const fake = fakeFetch(problem(401, 'not-signed-in'), problem(403, 'forbidden'));
    const http = adapter(fake.fetch);
    expect((await licenseError(http.listLicenses())).code).to.equal('not-signed-in');
    expect((await licenseError(http.listLicenses())).code).to.equal('forbidden');
    expect(fake.requests).to.have.length(2);
  });

  it('reports an HTML error page with its status', async () => {
    const page = new Response('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const error = await licenseError(adapter(fakeFetch(page).fetch).submitLicenseKey('KEY'));
    expect(error.code).to.equal('unknown');
    expect(error.retryable).to.equal(true);
    expect(error.message).to.contain('HTTP 502');
    expect(error.message).to.contain('text/html');
    expect(error.message).not.to.contain('JSON.parse');
  });

  it('reports an HTML page with status 200 as malformed', async () => {
    const page = new Response('<!doctype html><title>Sign in</title>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const error = await licenseError(adapter(fakeFetch(page).fetch).listLicenses());
    expect(error.code).to.equal('malformed-response');
    expect(error.message).to.contain('HTTP 200');
    expect(error.message).to.contain('text/html');
  });

  it('reports broken JSON without a parse error', async () => {
    const broken = new Response('{"id": ', { status: 200, headers: { 'content-type': 'application/json' } });
    const error = await licenseError(adapter(fakeFetch(broken).fetch).submitLicenseKey('KEY'));
    expect(error.code).to.equal('malformed-response');
    expect(error.message).to.contain('invalid JSON');
  });

  it('names the invalid field of an answer', async () => {
    const fake = fakeFetch(json([{ ...LICENSE, status: 'lost' }]));
    const error = await licenseError(adapter(fake.fetch).listLicenses());
    expect(error.code).to.equal('malformed-response');
    expect(error.message).to.contain('0.status');
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('120')).to.equal(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', Date.UTC(2026, 0, 1))).to.equal(60);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });
});

describe('HttpAdapter retries', () => {
  it('retries a read after 503 and a network failure', async () => {
    const fake = fakeFetch(problem(503, undefined), 'network-error', json([LICENSE]));
    const licenses = await adapter(fake.fetch).listLicenses();
    expect(licenses).to.have.length(1);
    expect(fake.requests).to.have.length(3);
  });

  it('gives up after the configured retries', async () => {
    const fake = fakeFetch('network-error', 'network-error');
    const error = await licenseError(adapter(fake.fetch, { retries: 1 }).listLicenses());
    expect(error.code).to.equal('network');
    expect(fake.requests).to.have.length(2);
  });

  it('never retries a write', async () => {
    const fake = fakeFetch(problem(503, undefined), json({ kind: 'activated', license: LICENSE }));
    const error = await licenseError(adapter(fake.fetch).submitLicenseKey('KEY'));
    expect(error.code).to.equal('unknown');
    expect(fake.requests).to.have.length(1);
  });

  it('never retries a 403', async () => {
    const fake = fakeFetch(problem(403, 'forbidden'), json([]));
    await licenseError(adapter(fake.fetch).listLicenses());
    expect(fake.requests).to.have.length(1);
  });

  it('waits for a short Retry-After', async () => {
    const fake = fakeFetch(problem(429, 'rate-limited', { 'retry-after': '1' }), json([]));
    const started = performance.now();
    await adapter(fake.fetch).listLicenses();
    expect(performance.now() - started).to.be.at.least(950);
    expect(fake.requests).to.have.length(2);
  });

  it('reports a long Retry-After without waiting', async () => {
    const fake = fakeFetch(problem(429, undefined, { 'retry-after': '120' }));
    const error = await licenseError(adapter(fake.fetch).listLicenses());
    expect(error.code).to.equal('rate-limited');
    expect(error.retryAfterSeconds).to.equal(120);
    expect(fake.requests).to.have.length(1);
  });
});

describe('HttpAdapter timeouts and abort', () => {
  it('times out a hanging call', async () => {
    const fake = fakeFetch('hang');
    const error = await licenseError(adapter(fake.fetch, { timeoutMs: 50 }).submitLicenseKey('KEY'));
    expect(error.code).to.equal('timeout');
    expect(fake.requests[0]!.signal!.aborted).to.equal(true);
  });

  it('retries a read that timed out', async () => {
    const fake = fakeFetch('hang', json([]));
    expect(await adapter(fake.fetch, { timeoutMs: 50 }).listLicenses()).to.deep.equal([]);
    expect(fake.requests).to.have.length(2);
  });

  it('aborts a pending call with the signal reason', async () => {
    const fake = fakeFetch('hang');
    const controller = new AbortController();
    const call = adapter(fake.fetch).listLicenses({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const error = await rejection(call);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(fake.requests[0]!.signal!.aborted).to.equal(true);
  });

  it('sends nothing with an aborted signal', async () => {
    const fake = fakeFetch(json([]));
    const error = await rejection(adapter(fake.fetch).listLicenses({ signal: AbortSignal.abort() }));
    expect((error as DOMException).name).to.equal('AbortError');
    expect(fake.requests).to.have.length(0);
  });

  it('aborts while waiting to retry', async () => {
    const fake = fakeFetch(problem(503, undefined), json([]));
    const controller = new AbortController();
    const call = adapter(fake.fetch, { retryDelayMs: 5_000 }).listLicenses({ signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    const error = await rejection(call);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(fake.requests).to.have.length(1);
  });
});
