import type {
  CheckBody,
  CheckResponse,
  ClientConfig,
  CountyProfileBody,
  CountyProfileResponse,
  LayersResponse,
  LoginBody,
  MeResponse,
  RulesResponse,
} from '@mpm/contracts';
import type { CollectionId } from '@mpm/domain';
import type { UiLanguage } from '../i18n/languages.ts';

/** Code of the error raised when the server cannot be reached at all. */
export const NETWORK_ERROR = 'network';

/** Code of the 409 the server answers a change based on a version someone else has since replaced. */
export const VERSION_CONFLICT = 'versionConflict';

/**
 * A failed API call. `message` is the server's own message, already in the language the
 * request asked for; `code` is its stable English key (or `network`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * One call to the API in `lang`: a JSON body, or a `FormData` for uploads (the browser writes the
 * multipart boundary). A failure becomes an `ApiError` with the server's message.
 */
async function send(path: string, lang: UiLanguage, init: { method?: string; body?: unknown; accept?: string }): Promise<Response> {
  const headers: Record<string, string> = { Accept: init.accept ?? 'application/json', 'Accept-Language': lang };
  const isForm = init.body instanceof FormData;
  if (init.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : isForm ? (init.body as FormData) : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiError(0, NETWORK_ERROR, err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(
      response.status,
      problem?.code ?? 'http_error',
      problem?.message ?? `${response.status} ${response.statusText}`,
    );
  }
  return response;
}

/** The query string of `params` (values absent, null or empty left out), with a leading `?` when there is one. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A JSON call to the API in `lang` (a `FormData` body is sent as multipart). */
export async function request<T>(path: string, lang: UiLanguage, init: { method?: string; body?: unknown } = {}): Promise<T> {
  return (await (await send(path, lang, init)).json()) as T;
}

/** How much of an upload has gone: bytes sent of the total (the total is 0 until the browser knows it). */
export interface UploadProgress {
  sent: number;
  total: number;
}

/**
 * A multipart upload to the API in `lang` through `XMLHttpRequest` (fetch cannot report upload
 * progress), answering the JSON reply; `onProgress` hears how much has been sent. Failures are
 * `ApiError`s as {@link request} raises them.
 */
export function requestUpload<T>(path: string, lang: UiLanguage, form: FormData, onProgress?: (progress: UploadProgress) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', lang);
    xhr.withCredentials = true;
    if (onProgress) xhr.upload.onprogress = (event) => onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : 0 });
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'XMLHttpRequest failed'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const problem = body as { code?: string; message?: string } | null;
      reject(new ApiError(xhr.status, problem?.code ?? 'http_error', problem?.message ?? `${xhr.status} ${xhr.statusText}`));
    };
    xhr.send(form);
  });
}

/** A file from the API (e.g. a PDF report) as a Blob; `body`, when given, is POSTed as JSON. */
export async function requestBlob(path: string, lang: UiLanguage, accept: string, body?: unknown): Promise<Blob> {
  return (await send(path, lang, { body, accept: `${accept}, application/json` })).blob();
}

/** The HTTP API, same origin; every call names the UI language so errors come back readable. */
export const api = {
  config: (lang: UiLanguage) => request<ClientConfig>('/api/config', lang),
  /** Sets the county's name, code and Gauss–Krüger zone (admins). */
  saveCounty: (body: CountyProfileBody, lang: UiLanguage) =>
    request<CountyProfileResponse>('/api/settings/county', lang, { method: 'PUT', body }),
  layers: (lang: UiLanguage) => request<LayersResponse>('/api/layers', lang),
  me: (lang: UiLanguage) => request<MeResponse>('/api/auth/me', lang),
  login: (body: LoginBody, lang: UiLanguage) => request<MeResponse>('/api/auth/login', lang, { method: 'POST', body }),
  logout: (lang: UiLanguage) => request<MeResponse>('/api/auth/logout', lang, { method: 'POST' }),
  /** The ruleset and the county's buffer widths (staff). */
  rules: (lang: UiLanguage) => request<RulesResponse>('/api/rules', lang),
  /** The authoritative check of a block (planner, inspector, admin); `asOf`, a past day whose licence register to check against. */
  check: (body: CheckBody, lang: UiLanguage, asOf?: string) =>
    request<CheckResponse>(`/api/check${queryString({ asOf })}`, lang, { method: 'POST', body }),
  /** Every feature of one layer (OGC API – Features, one page of up to 10 000). */
  items: (id: CollectionId, lang: UiLanguage) =>
    request<GeoJSON.FeatureCollection>(`/ogc/collections/${id}/items?limit=10000`, lang),
};
