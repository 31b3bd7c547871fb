/**
 * Twilio's conventions as the emulator answers them: the error body, form parameters, and list pages with `meta`.
 */
import type { StudioDefinitionError, TwilioErrorBody } from '../../studio/types';

/** What a handler answers; the server writes it as JSON (no body for 204). */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
}

export function moreInfo(code: number): string {
  return `https://www.twilio.com/docs/errors/${code}`;
}

/** Twilio's error body: `{code, message, more_info, status}`. */
export function twilioError(
  status: number,
  code: number,
  message: string,
  details?: TwilioErrorBody['details'],
): ApiResponse {
  const body: TwilioErrorBody = { code, message, more_info: moreInfo(code), status };
  if (details !== undefined) body.details = details;
  return { status, body };
}

export const UNAUTHORIZED: ApiResponse = {
  ...twilioError(401, 20003, 'Authenticate'),
  headers: { 'WWW-Authenticate': 'Basic realm="Twilio API"' },
};

export function notFound(path: string): ApiResponse {
  return twilioError(404, 20404, `The requested resource ${path} was not found`);
}

export function missingParameter(name: string): ApiResponse {
  return twilioError(400, 20001, `Missing required parameter ${name} in the post body`);
}

export function invalidParameter(name: string, why: string): ApiResponse {
  return twilioError(400, 20001, `Invalid parameter ${name}: ${why}`);
}

/** Studio's refusal of a definition with errors: each with its message and `#`-rooted JSON pointer. */
export function invalidDefinition(
  errors: readonly StudioDefinitionError[],
  warnings: readonly StudioDefinitionError[],
): ApiResponse {
  return twilioError(400, 20001, 'Invalid Flow Definition', { errors: [...errors], warnings: [...warnings] });
}

/** Thrown by the parameter readers; the server answers its response. */
export class ApiFailure extends Error {
  readonly response: ApiResponse;
  constructor(response: ApiResponse) {
    super('api failure');
    this.response = response;
  }
}

/** A POST's form parameters (`application/x-www-form-urlencoded`), read the way Twilio reads them. */
export class Form {
  private readonly params: URLSearchParams;

  constructor(params: URLSearchParams) {
    this.params = params;
  }

  /** The parameter, or undefined when absent or empty. */
  optional(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw new ApiFailure(missingParameter(name));
    return value;
  }

  /** Every value of a repeated key (`TestUsers=a&TestUsers=b`); null when the key is absent. */
  all(name: string): string[] | null {
    return this.params.has(name) ? this.params.getAll(name) : null;
  }

  /** One of `allowed`, or undefined when absent; another value is a 400 naming the parameter. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw new ApiFailure(
        invalidParameter(name, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`),
      );
    }
    return value as T;
  }

  /** As {@link oneOf}, and absent is a 400 too. */
  requiredOneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.oneOf(name, allowed);
    if (value === undefined) throw new ApiFailure(missingParameter(name));
    return value;
  }

  /** A JSON-valued parameter (`Parameters`), parsed; 400 naming it when it is not JSON. */
  json(name: string): unknown {
    const text = this.optional(name);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new ApiFailure(invalidParameter(name, `not valid JSON (${(e as Error).message})`));
    }
  }
}

/** An item of a list with the key its page tokens name it by (a SID, or a revision number). */
export interface ListItem {
  readonly key: string;
  readonly body: unknown;
}

const MAX_PAGE_SIZE = 1000;
const DEFAULT_PAGE_SIZE = 50;

function wholeNumber(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) {
    throw new ApiFailure(invalidParameter(name, `must be a whole number from ${min} to ${max}`));
  }
  return n;
}

/**
 * One page of `items` (already in list order, newest first) as Twilio answers it: the items under `key` and a
 * `meta` block whose URLs are absolute and carry `PageSize`, `Page` and, past the first page, a `PageToken`.
 * `PA<key>` starts after the item with that key and `PB<key>` ends before it, so pages stay put when new items
 * arrive at the front while a client is paging; a token naming an item that is gone falls back to `Page`.
 * `filters` (e.g. DateCreatedFrom) come first in every URL, as given.
 */
export function listPage(
  items: readonly ListItem[],
  key: string,
  baseUrl: string,
  query: URLSearchParams,
  filters: readonly (readonly [string, string])[] = [],
): ApiResponse {
  const pageSize = wholeNumber(query, 'PageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const page = wholeNumber(query, 'Page', 0, 999_999_999) ?? 0;
  const token = query.get('PageToken') ?? '';
  if (token !== '' && !/^P[AB].+$/.test(token)) {
    throw new ApiFailure(invalidParameter('PageToken', 'not a page token of this list'));
  }
  let start = page * pageSize;
  if (token !== '') {
    const at = items.findIndex((item) => item.key === token.slice(2));
    if (at >= 0) start = token.startsWith('PA') ? at + 1 : Math.max(0, at - pageSize);
  }
  const slice = items.slice(start, start + pageSize);

  const urlOf = (p: number, t?: string): string => {
    const search = new URLSearchParams(filters.map(([k, v]) => [k, v]));
    search.set('PageSize', String(pageSize));
    search.set('Page', String(p));
    if (t !== undefined) search.set('PageToken', t);
    return `${baseUrl}?${search.toString()}`;
  };
  const first = slice[0];
  const last = slice[slice.length - 1];
  const next =
    last !== undefined && start + pageSize < items.length ? urlOf(page + 1, `PA${last.key}`) : null;
  const previous =
    start === 0 ? null : urlOf(Math.max(0, page - 1), first === undefined ? undefined : `PB${first.key}`);
  return {
    status: 200,
    body: {
      [key]: slice.map((item) => item.body),
      meta: {
        page,
        page_size: pageSize,
        first_page_url: urlOf(0),
        previous_page_url: previous,
        url: urlOf(page, token === '' ? undefined : token),
        next_page_url: next,
        key,
      },
    },
  };
}
