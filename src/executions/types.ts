/**
 * Studio executions as the editor reads them: the Execution, ExecutionStep, ExecutionContext and
 * ExecutionStepContext resources of the Studio v2 API (snake_case) or of the Twilio CLI (camelCase), normalised to
 * one shape so that paths and summaries never care where a record came from.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

/** An Execution (`FN…`): one run of a flow for one contact. */
export interface ExecutionRecord {
  /** `FN…`. */
  sid: string;
  /** `FW…`: the flow it ran. */
  flowSid?: string;
  /** `active` or `ended` as the API says; kept as given when it says something else. */
  status: string;
  /** The phone number, SIP address or client identifier that triggered it. */
  contactChannelAddress?: string;
  /** ISO 8601, as the input wrote it. */
  dateCreated?: string;
  dateUpdated?: string;
  /** The execution's context (`flow`, `widgets`, `contact`, `trigger`), when the input had it. */
  context?: unknown;
}

/**
 * A Step (`FT…`): one transition of an execution, from the widget that ended to the widget entered. The first step
 * of an execution leaves the trigger (`from` is the flow's initial widget, `event` e.g. `incomingMessage`); a step
 * whose `to` is {@link END_OF_FLOW} ended the execution.
 */
export interface StepRecord {
  /** `FT…`. */
  sid: string;
  /** `FN…`: the execution it belongs to. */
  executionSid: string;
  flowSid?: string;
  /** The event that led to the step: the API's `name` (the widget's transition event, e.g. `sent`, `timeout`). */
  event: string;
  /** The widget left: `transitioned_from`. */
  from: string;
  /** The widget entered (or {@link END_OF_FLOW}): `transitioned_to`. */
  to: string;
  /** When the step happened: `date_created`, ISO 8601 as the input wrote it. */
  date: string;
  /** The step's context, when the input had it. */
  context?: unknown;
}

/** An ExecutionContext (no `stepSid`) or ExecutionStepContext: the variables a flow had at that point. */
export interface ContextRecord {
  executionSid: string;
  stepSid?: string;
  flowSid?: string;
  context: unknown;
}

/**
 * The `transitioned_to` of the step that ends an execution: Studio names no widget there (a transition without a
 * `next`), it writes `Ended`. Read as a widget only when the flow has a widget of that name.
 */
export const END_OF_FLOW = 'Ended';
