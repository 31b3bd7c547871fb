/**
 * Failures of the Studio API, classified once and worded the same way in the page and on the command line. The
 * words name what went wrong and which setting to look at, never a credential's value.
 */
import type { StudioDefinitionError, TwilioErrorBody } from './types';

export type StudioErrorKind =
  /** Nothing answered: the editor's server (in the page) or Studio (from the server or the CLI). */
  | 'unreachable'
  /** The `serve` process holds no credentials. */
  | 'not-configured'
  /** The proxy refused the request itself (not an operation of the spec, foreign Host/Origin). */
  | 'refused'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'rate-limited'
  | 'server'
  | 'protocol';

/** Headers the `serve` proxy adds to its answers, so the page can word a failure precisely. */
export const SOURCE_HEADER = 'x-studio-flow-source';
/** `auth-token` or `api-key`: which kind of credential the server used (never the credential). */
export const CREDENTIAL_HEADER = 'x-studio-flow-credential';

export interface StudioErrorInit {
  readonly kind: StudioErrorKind;
  readonly status: number;
  readonly message: string;
  readonly code?: number | null;
  readonly moreInfo?: string;
  readonly definitionErrors?: readonly StudioDefinitionError[];
}

export class StudioError extends Error {
  readonly kind: StudioErrorKind;
  readonly status: number;
  readonly code: number | null;
  readonly moreInfo: string | undefined;
  /** Studio's errors on the definition (a 400 from Create/Update/Validate), each with its property path. */
  readonly definitionErrors: readonly StudioDefinitionError[];

  constructor(init: StudioErrorInit) {
    super(init.message);
    this.name = 'StudioError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code ?? null;
    this.moreInfo = init.moreInfo;
    this.definitionErrors = init.definitionErrors ?? [];
  }

  /** Whether trying the same request again later may work (the document is kept for it either way). */
  get retryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'rate-limited' || this.kind === 'server';
  }
}

/** `where`: ' on the server' when the proxy sent the credentials; '' when the caller did (the CLI's own). */
function credentialHint(kind: string | null, where: string): string {
  if (kind === 'api-key')
    return `Check TWILIO_API_KEY and TWILIO_API_SECRET${where}, and that the key belongs to TWILIO_ACCOUNT_SID.`;
  if (kind === 'auth-token') return `Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN${where}.`;
  return 'Check the account SID and the auth token or API key and secret.';
}

function definitionErrorsOf(body: Partial<TwilioErrorBody> | null): StudioDefinitionError[] {
  const errors = body?.details?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const r = e as Record<string, unknown>;
    const message = typeof r.message === 'string' ? r.message : null;
    if (message === null) return [];
    return [typeof r.property_path === 'string' ? { message, property_path: r.property_path } : { message }];
  });
}

/** The StudioError for a non-2xx answer, worded from its status, Twilio's body and the proxy's headers. */
export function studioErrorFromResponse(
  status: number,
  body: Partial<TwilioErrorBody> | null,
  headers: { get(name: string): string | null },
  /** The kind of credential the caller sent itself (the CLI); the proxy's header says it for the page. */
  credentialKind?: 'auth-token' | 'api-key',
): StudioError {
  const source = headers.get(SOURCE_HEADER);
  const fromProxy = headers.get(CREDENTIAL_HEADER);
  const credential = fromProxy ?? credentialKind ?? null;
  const where = fromProxy === null ? '' : ' on the server';
  const upstream = typeof body?.message === 'string' && body.message !== '' ? body.message : null;
  const base = { status, code: body?.code ?? null, moreInfo: body?.more_info };
  if (source === 'proxy') {
    // The proxy's own answers carry the full sentence in `message`.
    const kind: StudioErrorKind =
      status === 503 ? 'not-configured' : status === 502 || status === 504 ? 'unreachable' : 'refused';
    return new StudioError({
      ...base,
      kind,
      message: upstream ?? `The editor's server refused the request (${status}).`,
    });
  }
  switch (status) {
    case 400:
      return new StudioError({
        ...base,
        kind: 'bad-request',
        message: `Studio refused the request: ${upstream ?? 'bad request'}.`.replace(/\.\.$/, '.'),
        definitionErrors: definitionErrorsOf(body),
      });
    case 401:
      return new StudioError({
        ...base,
        kind: 'auth',
        message: `Twilio did not accept the credentials (401${base.code === null ? '' : `, code ${base.code}`}). ${credentialHint(credential, where)}`,
      });
    case 403:
      return new StudioError({
        ...base,
        kind: 'forbidden',
        message: `Twilio accepted the credentials but refused this operation (403): the account or key has no access to Studio here. ${credentialHint(credential, where)}`,
      });
    case 404:
      return new StudioError({
        ...base,
        kind: 'not-found',
        message: `Studio has no such resource (404): it may have been deleted meanwhile.${upstream === null ? '' : ` (${upstream})`}`,
      });
    case 429:
      return new StudioError({
        ...base,
        kind: 'rate-limited',
        message: 'Studio is limiting requests (429). Wait a moment and try again.',
      });
    default:
      return new StudioError({
        ...base,
        kind: status >= 500 ? 'server' : 'protocol',
        message: `Studio answered ${status}${upstream === null ? '' : `: ${upstream}`}.`,
      });
  }
}
