/**
 * The validation API of ./index.ts without the precompiled validators, for the browser: each profile's generated
 * module (most of the app's JavaScript otherwise) is a chunk of its own, fetched by `loadProfile(profile)` when the
 * profile is first wanted. Until then `isProfileLoaded(profile)` is false and validating under it throws; once
 * loaded, everything is synchronous and the very code the CLI and the tests run (./index.ts is this module plus
 * both profiles registered on import).
 */
export type { Profile } from '../schema/schemas';
export { createValidator, validateDefinition, type ValidateOptions, type Validator } from './validator';
export { isProfileLoaded, loadProfile } from './compile';
export { MAX_PROBLEMS_PER_CODE, MORE_CODE } from './cap';
export { NON_FINITE_CODE } from './numbers';
export { clampCoordinate, MAX_OFFSET } from '../model/geometry';
