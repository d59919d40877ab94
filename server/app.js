/**
 * The reference server: plain `node:http` implementing openapi.yaml under /api/v1, plus QA
 * endpoints under /qa/ that switch the signed-in user and offline mode for the demo and the tests.
 * The QA endpoints are not part of the contract; `qa: false` turns them off.
 *
 * Imports TypeScript modules of the kit: load server/register-ts.js first.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { DEMO_USERS, LicenseService, ProblemError } from './licensing.js';
import { JsonStore } from './store.js';

export const API_PREFIX = '/api/v1';
/** Largest request body accepted, in bytes. A signed key is about 330 bytes. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest license key accepted, in characters, as openapi.yaml states. */
export const MAX_KEY_LENGTH = 8192;
/** Longest response key accepted, in characters, as openapi.yaml states. */
export const MAX_RESPONSE_KEY_LENGTH = 256;

/**
 * @typedef {(level: 'info' | 'error', message: string, fields?: Record<string, unknown>) => void} Logger
 */

/** @type {Logger} */
export function consoleLogger(level, message, fields = {}) {
  const details = Object.entries(fields)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const line = `[reference-server] ${level} ${message}${details ? ` ${details}` : ''}`;
  if (level === 'error') console.error(line);
  else console.log(line);
}

/**
 * Reads a JSON request body of at most {@link MAX_BODY_BYTES}.
 * @param {import('node:http').IncomingMessage} request
 * @param {string} tooLargeCode error code for a body over the limit
 */
async function readJsonBody(request, tooLargeCode) {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new ProblemError(415, 'unknown', `Expected Content-Type application/json, got ${type || 'none'}.`);
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_BODY_BYTES) throw new ProblemError(413, tooLargeCode, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ProblemError(413, tooLargeCode, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ProblemError(400, 'unknown', 'The request body is not valid JSON.');
  }
}

/**
 * Returns `body[name]` when it is a string no longer than `maxLength`.
 * @param {unknown} body
 * @param {string} name
 * @param {number} maxLength
 * @param {string} tooLongCode
 */
function stringMember(body, name, maxLength, tooLongCode) {
  const value = typeof body === 'object' && body !== null && !Array.isArray(body) ? /** @type {Record<string, unknown>} */ (body)[name] : undefined;
  if (typeof value !== 'string' || value === '') throw new ProblemError(400, 'unknown', `The request body needs "${name}", a non-empty string.`);
  if (value.length > maxLength) throw new ProblemError(413, tooLongCode, `"${name}" is longer than ${maxLength} characters.`);
  return value;
}

/**
 * Rejects a POST whose `Origin` header names another host than the request's `Host`: a page of
 * another site cannot make a signed-in admin's browser change licenses (cross-site request forgery).
 * Requests without `Origin` (scripts, server-to-server calls) pass, because browsers send it on
 * every cross-origin POST.
 * @param {import('node:http').IncomingMessage} request
 */
function rejectCrossSite(request) {
  const origin = request.headers.origin;
  if (request.method !== 'POST' || origin === undefined) return;
  let host = null;
  try {
    host = new URL(origin).host;
  } catch {
    // An unparsable Origin is rejected below.
  }
  if (host !== request.headers.host) throw new ProblemError(403, 'forbidden', `Cross-site request from origin ${origin} rejected.`);
}

/** A fixed one-minute window per client address, for the contract's operations. */
class RateLimiter {
  /** @param {number} perMinute */
  constructor(perMinute) {
    this.perMinute = perMinute;
    /** @type {Map<string, { start: number, count: number }>} */
    this.windows = new Map();
  }

  /**
   * Counts a request and returns the seconds to wait when it is over the limit, else 0.
   * @param {string} client
   * @param {number} now
   */
  take(client, now) {
    let window = this.windows.get(client);
    if (window === undefined || now - window.start >= 60_000) {
      if (this.windows.size > 1000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(client, window);
    }
    window.count += 1;
    return window.count > this.perMinute ? Math.ceil((window.start + 60_000 - now) / 1000) : 0;
  }
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {unknown} body
 * @param {string} [type]
 */
function send(response, status, body, type = 'application/json') {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/**
 * @param {LicenseService} service
 * @param {{ logger: Logger, qa: boolean, rateLimitPerMinute: number }} options
 */
export function createHandler(service, { logger, qa, rateLimitPerMinute }) {
  const limiter = new RateLimiter(rateLimitPerMinute);

  /** Contract operations by method and path pattern; a pattern's capture group is the challenge id. */
  const routes = [
    { method: 'GET', pattern: /^\/me$/, run: () => service.currentUser() },
    { method: 'GET', pattern: /^\/key-formats$/, run: () => service.keyFormats() },
    { method: 'GET', pattern: /^\/licenses$/, run: () => service.listLicenses() },
    {
      method: 'POST',
      pattern: /^\/licenses$/,
      run: async (/** @type {import('node:http').IncomingMessage} */ request) => {
        // Roles first, so that a refused user learns nothing about keys.
        service.requireManager();
        const body = await readJsonBody(request, 'invalid-key');
        return service.submitLicenseKey(stringMember(body, 'key', MAX_KEY_LENGTH, 'invalid-key'));
      },
    },
    { method: 'GET', pattern: /^\/offline-challenge$/, run: () => service.pendingChallenge() },
    {
      method: 'POST',
      pattern: /^\/offline-challenges\/([^/]{1,128})\/renewal$/,
      run: (/** @type {unknown} */ _request, /** @type {string} */ id) => service.renewChallenge(id),
    },
    {
      method: 'POST',
      pattern: /^\/offline-challenges\/([^/]{1,128})\/activation$/,
      run: async (/** @type {import('node:http').IncomingMessage} */ request, /** @type {string} */ id) => {
        service.requireManager();
        const body = await readJsonBody(request, 'response-mismatch');
        return service.activateOffline(id, stringMember(body, 'responseKey', MAX_RESPONSE_KEY_LENGTH, 'response-mismatch'));
      },
    },
  ];

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {string} path
   */
  async function handleQa(request, path) {
    if (request.method === 'GET' && path === '/qa/state') {
      return { ...service.data.settings, users: DEMO_USERS, installationId: service.data.installationId };
    }
    if (request.method === 'POST' && path === '/qa/state') {
      const body = await readJsonBody(request, 'unknown');
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProblemError(400, 'unknown', 'The request body must be a JSON object.');
      /** @type {Record<string, unknown>} */
      const changes = {};
      if ('userId' in body) {
        if (body.userId !== null && !Object.hasOwn(DEMO_USERS, body.userId)) throw new ProblemError(400, 'unknown', `Unknown userId ${JSON.stringify(body.userId)}: expected one of ${Object.keys(DEMO_USERS).join(', ')} or null.`);
        changes.userId = body.userId;
      }
      if ('offline' in body) {
        if (typeof body.offline !== 'boolean') throw new ProblemError(400, 'unknown', '"offline" must be a boolean.');
        changes.offline = body.offline;
      }
      for (const name of ['challengeLifetimeSeconds', 'responseAttempts']) {
        if (!(name in body)) continue;
        if (!Number.isInteger(body[name]) || body[name] < 1 || body[name] > 86_400) throw new ProblemError(400, 'unknown', `"${name}" must be an integer from 1 to 86400.`);
        changes[name] = body[name];
      }
      return service.configure(changes);
    }
    if (request.method === 'POST' && path === '/qa/reset') {
      await service.reset();
      return { ok: true };
    }
    if (request.method === 'GET' && path === '/qa/sample-keys') return service.sampleKeys();
    if (request.method === 'GET' && path === '/qa/challenge') return service.storedChallenge();
    throw new ProblemError(404, 'not-found', `No QA endpoint ${request.method} ${path}.`);
  }

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:http').ServerResponse} response
   */
  return async function handle(request, response) {
    const requestId = randomUUID().slice(0, 8);
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    try {
      if (qa && path.startsWith('/qa/')) {
        send(response, 200, await handleQa(request, path));
        return;
      }
      if (!path.startsWith(`${API_PREFIX}/`)) throw new ProblemError(404, 'not-found', `No resource at ${path}.`);

      const operationPath = path.slice(API_PREFIX.length);
      const matching = routes.filter((route) => route.pattern.test(operationPath));
      if (matching.length === 0) throw new ProblemError(404, 'not-found', `No resource at ${path}.`);
      const route = matching.find((candidate) => candidate.method === request.method);
      if (route === undefined) {
        response.setHeader('allow', matching.map((candidate) => candidate.method).join(', '));
        throw new ProblemError(405, 'unknown', `${request.method} is not allowed on ${path}.`);
      }

      rejectCrossSite(request);
      const wait = limiter.take(request.socket.remoteAddress ?? 'unknown', Date.now());
      if (wait > 0) throw new ProblemError(429, 'rate-limited', 'Too many requests.', { retryAfterSeconds: wait });

      const id = route.pattern.exec(operationPath)?.[1];
      const answer = await route.run(request, id === undefined ? '' : decodeURIComponent(id));
      send(response, 200, answer ?? null);
    } catch (error) {
      const problem = error instanceof ProblemError ? error : new ProblemError(500, 'unknown', 'The server failed; see its log.');
      if (!(error instanceof ProblemError)) logger('error', 'request failed', { requestId, method: request.method, path, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      else logger('info', 'request refused', { requestId, method: request.method, path, status: problem.status, code: problem.code });
      if (problem.retryAfterSeconds !== undefined) response.setHeader('retry-after', String(problem.retryAfterSeconds));
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // The rest of an unread body is discarded; the connection closes so it is not parsed as a request.
      if (!request.complete) response.setHeader('connection', 'close');
      send(
        response,
        problem.status,
        { type: 'about:blank', title: problem.code, status: problem.status, detail: problem.message, instance: `urn:request:${requestId}`, code: problem.code },
        'application/problem+json',
      );
    }
  };
}

/**
 * Starts the reference server and resolves once it listens.
 * @param {{ host?: string, port?: number, dataDir: string, qa?: boolean, logger?: Logger, challengeLifetimeSeconds?: number,
 *   responseAttempts?: number, rateLimitPerMinute?: number, now?: () => number }} options
 */
export async function startReferenceServer(options) {
  const { host = '127.0.0.1', port = 0, dataDir, qa = true, logger = consoleLogger, rateLimitPerMinute = 600 } = options;
  const store = new JsonStore(dataDir);
  const service = await LicenseService.open(store, options);
  const server = createServer(createHandler(service, { logger, qa, rateLimitPerMinute }));
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://${host}:${address.port}`;
  logger('info', 'started', { url, dataFile: store.file, installationId: service.data.installationId, qa });

  let closing;
  const close = () => {
    closing ??= (async () => {
      await new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      });
      await store.flush();
      logger('info', 'stopped', { url });
    })();
    return closing;
  };
  return { server, url, service, close };
}
