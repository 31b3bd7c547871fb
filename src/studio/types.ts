/**
 * The resources of the Studio v2 API, as the seed spec's `components.schemas` define them (every field nullable
 * there; the ones the API always fills are typed as such here, the rest keep `| null`).
 */

export type FlowStatus = 'draft' | 'published';

export interface StudioFlow {
  sid: string;
  account_sid: string;
  friendly_name: string;
  definition: unknown;
  status: FlowStatus;
  revision: number;
  commit_message: string | null;
  valid: boolean | null;
  errors: unknown[] | null;
  warnings: unknown[] | null;
  date_created: string;
  date_updated: string | null;
  url: string;
  links: Record<string, string> | null;
}

export interface FlowRevision {
  sid: string;
  account_sid: string;
  friendly_name: string;
  definition: unknown;
  status: FlowStatus;
  revision: number;
  commit_message: string | null;
  valid: boolean | null;
  errors: unknown[] | null;
  date_created: string;
  date_updated: string | null;
  url: string;
}

export interface FlowValidate {
  valid: boolean;
}

export interface Execution {
  sid: string;
  account_sid: string;
  flow_sid: string;
  contact_channel_address: string | null;
  context: unknown;
  status: 'active' | 'ended';
  date_created: string;
  date_updated: string | null;
  url: string;
  links: Record<string, string> | null;
}

export interface ExecutionStep {
  sid: string;
  account_sid: string;
  flow_sid: string;
  execution_sid: string;
  name: string | null;
  context: unknown;
  transitioned_from: string | null;
  transitioned_to: string | null;
  date_created: string;
  date_updated: string | null;
  url: string;
  links: Record<string, string> | null;
}

export interface ExecutionContext {
  account_sid: string;
  context: unknown;
  flow_sid: string;
  execution_sid: string;
  url: string;
}

export interface ExecutionStepContext extends ExecutionContext {
  step_sid: string;
}

export interface TestUsers {
  sid: string;
  test_users: string[];
  url: string;
}

/** The paging block of every list response. */
export interface PageMeta {
  page: number;
  page_size: number;
  first_page_url: string;
  previous_page_url: string | null;
  next_page_url: string | null;
  url: string;
  key: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly meta: PageMeta;
}

/**
 * One error of Studio's verdict on a definition: a 400 from CreateFlow, UpdateFlow or Validate carries them in
 * `details.errors`, each with the message and the JSON pointer-like `property_path` (e.g. `#/states/1/type`).
 */
export interface StudioDefinitionError {
  readonly message: string;
  readonly property_path?: string;
}

/** Twilio's error body: `code`, `message`, `more_info`, `status` (and `details` for Studio's definition errors). */
export interface TwilioErrorBody {
  code: number | null;
  message: string;
  more_info: string;
  status: number;
  details?: { errors?: StudioDefinitionError[] } & Record<string, unknown>;
}
