/**
 * The validation API of ./index.ts without the precompiled validators, for the browser: each profile's generated
 * modules (most of the app's JavaScript otherwise) are chunks of their own. `loadProfile(profile)` fetches the
 * root when the profile is first wanted; until then `isProfileLoaded(profile)` is false and validating under it
 * throws. Each widget type's validator follows when a flow first holds a widget of that type
 * (`loadWidgetTypes(profile, typesToLoad(profile, stateTypes(states)))`); until it is in, such widgets are checked
 * by lint alone and checked again after. Once loaded, everything is synchronous and the very code the CLI and the
 * tests run (./index.ts is this module plus both profiles registered whole on import).
 */
export type { Profile } from '../schema/schemas';
export { createValidator, validateDefinition, type ValidateOptions, type Validator } from './validator';
export { isProfileLoaded, loadProfile, loadWidgetTypes, stateTypes, typesToLoad } from './compile';
export { MAX_PROBLEMS_PER_CODE, MORE_CODE } from './cap';
export { NON_FINITE_CODE } from './numbers';
export { clampCoordinate, MAX_OFFSET } from '../model/geometry';
