// How the console talks to the gateway: same-origin fetches with the operator's tokens as bearer headers.
const ADMIN_TOKEN = 'orleansgroq.adminToken';
const CLIENT_TOKEN = 'orleansgroq.clientToken';

/** The tokens the operator typed in, kept for this tab only (sessionStorage), never put in a URL. */
export const tokens = {
  admin: () => sessionStorage.getItem(ADMIN_TOKEN) ?? '',
  client: () => sessionStorage.getItem(CLIENT_TOKEN) ?? '',
  save(admin, client) {
    store(ADMIN_TOKEN, admin);
    store(CLIENT_TOKEN, client);
  },
};

function store(name, value) {
  if (value) {
    sessionStorage.setItem(name, value);
  } else {
    sessionStorage.removeItem(name);
  }
}

function headers(token, extra) {
  const all = new Headers(extra);
  if (token) {
    all.set('Authorization', `Bearer ${token}`);
  }
  return all;
}

/** The message of an OpenAI-shaped error body, or the status text. */
export async function errorMessage(response) {
  try {
    const body = await response.json();
    return body?.error?.message ?? response.statusText;
  } catch {
    return response.statusText || `HTTP ${response.status}`;
  }
}

/**
 * GET /admin/{path}. Resolves to {state: 'ok', data}, {state: 'missing'} (404: this gateway has no such route),
 * {state: 'unauthorized', message} (401: an admin token is needed) or {state: 'error', message}.
 */
export async function readAdmin(path, signal) {
  let response;
  try {
    response = await fetch(`../admin/${path}`, {
      headers: headers(tokens.admin(), { Accept: 'application/json' }),
      cache: 'no-store',
      signal,
    });
  } catch (e) {
    if (e.name === 'AbortError') {
      throw e;
    }
    return { state: 'error', message: `The gateway did not answer (${e.message}).` };
  }

  if (response.ok) {
    return { state: 'ok', data: await response.json() };
  }

  const message = await errorMessage(response);
  switch (response.status) {
    case 404: return { state: 'missing', message };
    case 401: return { state: 'unauthorized', message };
    default: return { state: 'error', message: `${response.status}: ${message}` };
  }
}

/** A call to the gateway's own API (path relative to the origin's /, e.g. v1/conversations), with the client token. */
export function callApi(path, init = {}) {
  return fetch(`../${path}`, { ...init, cache: 'no-store', headers: headers(tokens.client(), init.headers) });
}
