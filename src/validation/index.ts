/**
 * # Validation
 *
 * Checks a flow definition against the Studio JSON schemas (ajv, draft-07) and lints what the schemas cannot say.
 * The only importer of ajv; runs unchanged in Node and the browser (no Node built-ins).
 *
 * Two doors to the same code: this module, with the validators of both profiles loaded on import (the CLI,
 * scripts, tests), and ./lazy.ts, the same API without them, for the browser: there each profile's precompiled
 * validators are a chunk of their own, fetched by `loadProfile(profile)`; until it resolves, validating under that
 * profile throws (the editor's store shows its problems as pending meanwhile, src/store/editorStore.ts).
 *
 * ```ts
 * validateDefinition(def, { profile: 'official' })   // whole flow, nothing cached
 * const v = createValidator('studio');                // incremental: caches per widget object
 * v.validate(def); v.validate(editedDef);             // only the edited widgets are looked at again
 *
 * // browser (./lazy.ts): the same, once the profile is loaded
 * await loadProfile('official');                      // once; then every call above works synchronously
 * ```
 *
 * Profiles: `studio` (default) is what real Studio accepts: the official schemas plus the documented extension
 * layer (src/schema/extensions.ts). `official` is the schemas exactly as Twilio publishes them. Lint runs the same
 * in both profiles.
 *
 * ## Problems
 * Every problem has a `severity`, a stable `code`, a `message` for a Studio user, the `widget` (state name) when
 * it belongs to one, a JSON `pointer` and, for forms, a `field`.
 *
 * `pointer` is the RFC 6901 pointer of the offending value (`/states/4/properties/timeout`,
 * `/states/0/transitions/2/event`). For a missing property it is the object that lacks it
 * (`/states/4/properties`, with `field` naming the missing key), so it always resolves.
 *
 * `field` is relative to the widget:
 * - a property: its path inside `properties`, dots for keys and `[i]` for list items: `body`, `timeout`,
 *   `parameters[0].value`;
 * - a transition: `transitions.<event>` (`transitions.sent`), then its own fields: `transitions.sent.next`,
 *   `transitions.sent.event`. Where the event repeats (split `match` always, other events when duplicated) the
 *   occurrence index follows: `transitions.match[0].conditions[1].value`. A transition without a usable event:
 *   `transitions[<index>]`;
 * - the widget's own keys: `name`, `type`; a missing top-level key of the widget: its key (`transitions`);
 * - two alternatives (one-of): the keys joined by `|`: `say|play`;
 * - flow level: `initial_state`, `states`, `description`, `flags.allow_concurrent_calls`.
 *
 * ## Codes
 * Schema (the profile's JSON schemas; all errors):
 * - `schema.required` (error): a required key is missing ("Send Message “greet” is missing Message body (`body`)").
 * - `schema.type` (error): a value of the wrong JSON type ("`timeout` must be a whole number (it is the text
 *   "3600")"); also a state that is not an object.
 * - `schema.enum` (error): not one of the allowed values (`enum` / `const`), which are listed.
 * - `schema.event` (error): a transition event the widget type does not have ("“incomingParent” is not an event
 *   of the Trigger (allowed: incomingCall, incomingMessage, incomingRequest)").
 * - `schema.unknown-type` (error): a widget type the profile does not know (official: e.g. `run-subflow`; studio:
 *   a type Studio does not have, or a pre-2019 type such as `SayPlay`).
 * - `schema.min-length` (error): an empty (or blank) string where the schema requires text ("`url` cannot be
 *   empty").
 * - `schema.one-of` (error): exactly one of two keys is needed ("Gather Input On Call “x” needs either a Say or a
 *   Play prompt; it has neither" / "…, not both").
 * - `schema.pattern` (error): a string not in the required format.
 * - `schema.min-items`, `schema.max-items` (error): too few / too many items (a flow without widgets, more than
 *   the widget limit).
 * - `schema.other` (error): any other schema failure, in words.
 *
 * Lint, flow level (recomputed on every validation):
 * - `lint.initial-state-missing` (error): `initial_state` is missing, empty or not a string.
 * - `lint.initial-state-unknown` (error): `initial_state` names no widget.
 * - `lint.initial-state-not-trigger` (error): `initial_state` names a widget that is not the Trigger.
 * - `lint.no-trigger` (error): the flow has no Trigger.
 * - `lint.multiple-triggers` (error): one per Trigger beyond the first (the initial state's).
 * - `lint.duplicate-name` (error): a name already used by an earlier widget, also when differing only in case.
 * - `lint.dangling-next` (error): a transition leads to a widget that does not exist ("“Goodbye” → event “sent”
 *   leads to “SaveToAirtable”, which does not exist"). An empty `next` means "not connected" and is not reported.
 * - `lint.unreachable` (warning): no path of transitions from the Trigger leads to the widget.
 * - `lint.unknown-widget-reference` (warning): Liquid refers to `widgets.NAME` and no widget has that name
 *   (a warning: Liquid renders a missing variable as empty text, so the flow still runs).
 *
 * Lint, per widget (cached with the widget):
 * - `lint.invalid-name` (error): a name Studio refuses (`widgetNameError`: empty, bad characters, too long).
 * - `lint.duplicate-event` (warning): two transitions with the same event (split `match` excepted, it repeats by
 *   design). A warning, not an error: the schemas allow it and a deployed corpus flow has one
 *   (techmatters/tm__usnc_voice-blocking-no-op-hours-rec-sd_copy.json).
 * - `lint.unknown-event` (warning): an event Studio's widget catalog does not list for the type, only for types
 *   whose schema does not check events itself (the catalog is partly unverified, hence a warning).
 * - `lint.split-no-condition` (error): a split `match` transition without conditions.
 * - `lint.split-condition` (error): a condition that is not an object.
 * - `lint.split-condition-type` (error): a missing or unknown condition type.
 * - `lint.split-condition-value` (error): a missing or empty value (not needed by Is Blank / Is Not Blank).
 * - `lint.split-condition-arguments` (error when missing, empty or not strings; warning when more than one).
 * - `lint.split-condition-label` (warning): a condition without `friendly_name` (its port label).
 * - `lint.split-stale-argument` (info): the condition's argument is an old copy of the split's input; Studio tests
 *   the input and rewrites the copy on save.
 * - `lint.liquid-syntax` (warning): Liquid that does not parse, in any string of the properties (nested lists and
 *   objects included) or a condition value; the pointer is the string. A warning: Studio saves it, it fails when
 *   the widget runs.
 * - `lint.empty-required` (warning): a required text property that is empty (Studio saves such drafts, e.g. Send
 *   to Flex with no workflow; see the `empty-drafts` extension). Not reported where the schema already did.
 * - `lint.offset-range` (warning): a finite canvas position (`properties.offset.x` / `.y`) beyond ±`MAX_OFFSET`
 *   (1,000,000); the canvas draws the widget clamped to that range (`clampCoordinate`, offset.ts).
 *
 * Values (per widget, cached with it; at flow level, per top-level value object, so unchanged ones are not walked
 * again):
 * - `value.non-finite` (error): a number JSON cannot hold, at any depth (`1e400` reads as Infinity and is exported
 *   as `null`); the pointer is the number, `field` its place. For an `offset` coordinate the message also says
 *   where the canvas draws the widget.
 *
 * The cap (cap.ts): at most `MAX_PROBLEMS_PER_CODE` (20) problems with the same code per widget, and per code on the
 * flow itself; the rest are counted in one summary:
 * - `lint.more` (the highest severity among the problems it stands for): "…and 99,979 more “lint.duplicate-event”
 *   problems on Trigger “Trigger”; only the first 20 are listed", `widget` set, pointer the widget (`/states/0`),
 *   or '' for the flow. It takes the place of the first problem left out.
 *
 * Split conditions are linted in both profiles (the official schema never checks them, as it declares
 * `condition` instead of `conditions`), so the studio schema's own condition errors are left to lint and not
 * reported twice. The `lint.split-*` checks are the split's own lint: a type's lint lives in its widget module
 * (src/schema/widgets/split-based-on.ts), with the schema errors it reports instead (`takesOver`). `initial_state`
 * likewise is left to lint.
 *
 * A widget type the registry knows but the precompiled validators do not (added with `registerWidgetType` after
 * `npm run generate`, e.g. by a test) has no schema to check it: the `studio` profile does not report it as an
 * unknown type, and lint alone checks it (its name, its events against its module's, `lint.duplicate-event`, the
 * Liquid of its properties, its position, its numbers, and its module's own lint). The `official` profile reports
 * it as a type the official schemas do not know, as it does for every type they lack.
 */
import { registerProfile } from './compile';
import { validators as official } from './generated/official/all';
import { validators as studio } from './generated/studio/all';

export * from './lazy';

// Both profiles ready on import, so that for Node (the CLI, scripts, tests) every call stays synchronous. Not for
// the browser, where these modules are most of the JavaScript: it imports ./lazy.ts and loads them on demand.
registerProfile('studio', studio);
registerProfile('official', official);
