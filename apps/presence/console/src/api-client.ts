import type { ApiErrorBody } from './api-types.js';

/** An API answer that was not 2xx, with the error code the API put in its JSON body. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }

  /** No such route on this server (yet): Nest's plain 404, not a domain "not found" such as AGENT_NOT_FOUND. */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'NOT_FOUND';
  }
}

const errorOf = async (response: Response): Promise<ApiError> => {
  let body: { error?: ApiErrorBody } | undefined;
  try { body = await response.json() as { error?: ApiErrorBody }; } catch { /* not JSON */ }
  const error = body?.error;
  return new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.field);
};

/** The API on this origin, called with the signed-in person's token. */
export class ApiClient {
  constructor(readonly token: string, private readonly onUnauthorized: (error: ApiError) => void = () => undefined) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, ...extra };
  }

  /** Any request; throws ApiError for a non-2xx answer. */
  async request(method: string, path: string, init: { body?: unknown; accept?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers = this.headers({ accept: init.accept ?? 'application/json' });
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, signal: init.signal, body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (response.ok) return response;
    const error = await errorOf(response);
    if (error.status === 401) this.onUnauthorized(error);
    throw error;
  }

  async get<T>(path: string): Promise<T> {
    return await (await this.request('GET', path)).json() as T;
  }

  async send<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    return await (await this.request(method, path, { body: body ?? {} })).json() as T;
  }

  /**
   * For endpoints that arrive with issues 11–13: the answer, or undefined when
   * this server does not have the route yet, so the feature stays hidden.
   */
  async optional<T>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (error) {
      if (error instanceof ApiError && error.routeMissing) return undefined;
      throw error;
    }
  }
}

/** A sentence for a person: the API's own message, with the field when it names one. */
export const describeError = (error: unknown): string => {
  if (error instanceof ApiError) return error.field ? `${error.message} (${error.field})` : error.message;
  if (error instanceof Error) return `The server cannot be reached: ${error.message}`;
  return String(error);
};
