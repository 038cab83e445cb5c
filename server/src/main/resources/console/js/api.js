// The one way the console talks to the server: JSON over /api, the admin token on every write.

const TOKEN_KEY = 'groundstation.adminToken';

/** A refused or failed request: the server's message, its per-field problems and the HTTP status. */
export class ApiError extends Error {
  constructor(status, message, problems) {
    super(message);
    this.status = status;
    this.problems = problems;
  }
}

// sessionStorage: the token lives as long as the tab, never on disk across browser restarts.
export const adminToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set: (token) => token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY),
};

/** GET a JSON resource; {@code signal} lets a page that was navigated away from drop its requests. */
export function get(path, signal) {
  return send('GET', path, undefined, signal);
}

/** GET a resource that may not exist (a service without a policy): null on 404. */
export async function getOptional(path, signal) {
  try {
    return await get(path, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** GET a sensitive resource (captured network content): it carries the admin token when one is set. */
export function getSensitive(path, signal) {
  return send('GET', path, undefined, signal, true);
}

/** Any request with an optional JSON body; writes (and sensitive reads) carry the admin token when one is set. */
export async function send(method, path, body, signal, sensitive = false) {
  const headers = { Accept: 'application/json' };
  // The server takes changes only as JSON, body or not: that keeps other sites' pages from making them.
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  const token = adminToken.get();
  if ((method !== 'GET' || sensitive) && token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? parseJson(text) : null;
  if (!response.ok) {
    const message = json?.error || `${method} ${path} answered ${response.status}`;
    const hint = response.status === 401 ? ' (paste the admin token at the top right)' : '';
    throw new ApiError(response.status, message + hint, json?.problems || []);
  }
  return json;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Path segment or query value, encoded the way the API expects names like "ns::shop". */
export const enc = encodeURIComponent;
