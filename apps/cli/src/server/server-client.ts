import type { ServerOptions } from './server-options';

export interface ServerResponse {
  status: number;
  // The server's JSON, read by field where it is used.
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A failure to talk to the server at all (not an HTTP error answer). */
export class ServerUnreachableError extends Error {}

/** The problem+json error items of an answer, or one line made of its title. */
export function problemLines(res: ServerResponse): Array<{ path: string; message: string }> {
  const errors = Array.isArray(res.body?.errors) ? (res.body.errors as Array<{ path?: string; message?: string; code?: string }>) : [];
  if (errors.length > 0) return errors.map((e) => ({ path: e.path ?? '', message: `${e.message ?? ''}${e.code ? ` [${e.code}]` : ''}` }));
  const title = typeof res.body?.title === 'string' ? res.body.title : `HTTP ${res.status}`;
  return [{ path: '', message: `${title}${typeof res.body?.detail === 'string' ? `: ${res.body.detail}` : ''}` }];
}

/** A signed-in connection to the server's HTTP API: the token from --token, or from signing in with --user/--password. */
export class ServerClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async connect(options: ServerOptions): Promise<ServerClient> {
    const baseUrl = options.url.replace(/\/+$/, '');
    if (options.token) return new ServerClient(baseUrl, options.token);
    if (!options.password) throw new ServerUnreachableError('give --password (or TESSERA_PASSWORD), or --token (TESSERA_TOKEN)');
    const login = await send(baseUrl, 'POST', '/api/auth/login', undefined, JSON.stringify({ username: options.user, password: options.password }), 'application/json');
    if (login.status !== 200) throw new ServerUnreachableError(`cannot sign in as ${options.user}: ${problemLines(login).map((l) => l.message).join('; ')}`);
    return new ServerClient(baseUrl, login.body.accessToken);
  }

  get(path: string): Promise<ServerResponse> {
    return send(this.baseUrl, 'GET', path, this.token);
  }

  /** POSTs a pack bundle as raw JSON (no body-size cap of plain application/json). */
  postBundle(path: string, bundle: unknown): Promise<ServerResponse> {
    return send(this.baseUrl, 'POST', path, this.token, JSON.stringify(bundle), 'application/vnd.tessera.pack+json');
  }
}

async function send(baseUrl: string, method: string, path: string, token?: string, body?: string, type?: string): Promise<ServerResponse> {
  let res: Response;
  try {
    res = await fetch(baseUrl + path, {
      method,
      headers: { accept: 'application/json', ...(type && { 'content-type': type }), ...(token && { authorization: `Bearer ${token}` }) },
      body,
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ServerUnreachableError(`cannot reach ${baseUrl}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed };
}
