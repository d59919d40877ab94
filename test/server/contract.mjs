/**
 * Checks HTTP traffic against openapi.yaml with openapi-backend, an OpenAPI 3.1 request and
 * response validator. {@link contractFetch} wraps `fetch` so that every request to the API and
 * every response is checked, and records each violation for the test to assert on.
 */
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import OpenAPIBackend from 'openapi-backend';

const specFile = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));
export const API_ROOT = '/api/v1';

/**
 * openapi-backend validates only `application/json` bodies, so the problem bodies
 * (`application/problem+json`) are validated through a copy of the document that declares each of
 * them as JSON. The media types themselves are checked by {@link declaredMediaTypes}.
 * @param {any} node
 */
function problemsAsJson(node) {
  if (Array.isArray(node)) return node.map(problemsAsJson);
  if (typeof node !== 'object' || node === null) return node;
  /** @type {Record<string, unknown>} */
  const copy = {};
  for (const [name, value] of Object.entries(node)) {
    if (name === 'content' && value && typeof value === 'object' && 'application/problem+json' in value && !('application/json' in value)) {
      copy.content = { 'application/json': problemsAsJson(value['application/problem+json']) };
    } else {
      copy[name] = problemsAsJson(value);
    }
  }
  return copy;
}

/**
 * Checks openapi.yaml against the OpenAPI 3.1 schema and throws with every error found.
 * openapi-backend 5.23 validates documents against the 3.0 schema only, so this check is separate.
 */
export async function validateDocument() {
  const validator = new Validator();
  const result = await validator.validate(specFile);
  if (!result.valid) throw new Error(`openapi.yaml is not a valid OpenAPI ${validator.version} document: ${JSON.stringify(result.errors, null, 2)}`);
  return validator.version;
}

/**
 * Loads openapi.yaml and builds the request and response validator. Both instances run in quick
 * mode, which skips openapi-backend's 3.0 document check ({@link validateDocument} does the 3.1 one).
 */
export async function loadContract() {
  const original = new OpenAPIBackend({ definition: specFile, apiRoot: API_ROOT, quick: true, strict: true });
  await original.init();
  const api = new OpenAPIBackend({ definition: problemsAsJson(original.definition), apiRoot: API_ROOT, quick: true, strict: true });
  await api.init();
  return { original, api };
}

/**
 * Media types openapi.yaml declares for `status` of `operation`: the exact status, else its class (4XX), else default.
 * @param {any} operation
 * @param {number} status
 */
function declaredMediaTypes(operation, status) {
  const responses = operation.responses ?? {};
  const response = responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default;
  return response?.content ? Object.keys(response.content) : [];
}

/**
 * Wraps `fetch` to check every request under {@link API_ROOT} and every response against openapi.yaml.
 * Violations are pushed to `violations` as sentences naming the operation.
 * @param {{ original: OpenAPIBackend, api: OpenAPIBackend }} contract
 * @param {string[]} violations
 * @param {{ checkRequests?: boolean }} [options] checkRequests false lets a test send requests the contract rejects
 * @returns {typeof fetch}
 */
export function contractFetch(contract, violations, options = {}) {
  return async (input, init = {}) => {
    const url = new URL(String(input));
    const method = (init.method ?? 'GET').toLowerCase();
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    let body = init.body;
    if (typeof body === 'string' && headers['content-type'] === 'application/json') {
      try {
        body = JSON.parse(body);
      } catch {
        // Broken JSON stays a string, which the request check reports.
      }
    }
    const request = { method, path: url.pathname, headers, query: url.search.slice(1), body: body ?? undefined };

    const operation = contract.api.matchOperation(request);
    if (!operation) {
      violations.push(`${method.toUpperCase()} ${url.pathname} is not an operation of openapi.yaml`);
      return fetch(input, init);
    }
    const name = operation.operationId;
    if (options.checkRequests !== false) {
      const checked = contract.api.validateRequest(request, operation);
      if (!checked.valid) violations.push(`${name} request: ${JSON.stringify(checked.errors)}`);
    }

    const response = await fetch(input, init);
    const text = await response.clone().text();
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    const declared = declaredMediaTypes(contract.original.getOperation(name), response.status);
    if (!declared.includes(type)) violations.push(`${name} ${response.status}: content type ${type || 'none'} is not one of ${declared.join(', ') || 'none'}`);

    let answer;
    try {
      answer = JSON.parse(text);
    } catch {
      violations.push(`${name} ${response.status}: the body is not JSON`);
      return response;
    }
    const checked = contract.api.validateResponse(answer, operation, response.status);
    if (!checked.valid) violations.push(`${name} ${response.status} response: ${JSON.stringify(checked.errors)}`);
    if (response.status === 429 && !response.headers.has('retry-after')) violations.push(`${name} 429 without Retry-After`);
    return response;
  };
}
