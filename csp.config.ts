/**
 * The app's Content-Security-Policy, defined once. vite.config.ts sends it as a header from `vite preview` and writes
 * it into the built index.html as a `<meta http-equiv>` (so the files are protected wherever they are hosted); a
 * Node `serve` command can import the header from here too. Pure data: no DOM, no Node built-ins.
 *
 * Strict by construction: `default-src 'none'`, so every kind of resource the app loads is allowed below, each
 * for a reason; anything new (a remote origin, an inline script, eval) is blocked until it is added here.
 * The development server sends no policy: Vite's dev client and React refresh need an inline script and eval.
 */

/** Directive -> sources. Header and meta share these, except those in HEADER_ONLY. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  // Nothing not listed below: frames, media, manifests, prefetches... the app has none.
  'default-src': ["'none'"],
  // The bundles in /assets, loaded as ES modules (and modulepreload links). No inline script (the built
  // index.html has none) and no 'unsafe-eval': ajv's validators are precompiled (src/validation/generated), and
  // Monaco, elkjs and React evaluate no strings.
  'script-src': ["'self'"],
  // The stylesheets in /assets, and 'unsafe-inline' for Monaco: the <style> elements it creates at run time (theme,
  // token colours, decoration classes built from editor options) and the style="" attributes in the HTML strings it
  // renders lines and widgets from (some 200 in one session). No hash or nonce can cover generated styles; styles
  // cannot run script.
  'style-src': ["'self'", "'unsafe-inline'"],
  // /favicon.svg; data: for the small SVG/PNG images inlined in the stylesheets (the app's widget icons, Monaco's);
  // blob: for the PNG export, which rasterises the flow's SVG from a blob: URL (src/canvas/exportImage.ts).
  'img-src': ["'self'", 'data:', 'blob:'],
  // Monaco's codicon font, emitted as a file in /assets.
  'font-src': ["'self'"],
  // Monaco's editor and JSON workers are files in /assets created with `new Worker(url)`; no blob: workers (elkjs
  // runs its layout in the page, in its bundled fake worker).
  'worker-src': ["'self'"],
  // The app sends nothing anywhere. 'self' only for Vite's modulepreload polyfill, which fetch()es the preloaded
  // chunks in browsers without <link rel=modulepreload>; no remote origin.
  'connect-src': ["'self'"],
  // No <object>/<embed> plugins.
  'object-src': ["'none'"],
  // No <base>: an injected one could not redirect the relative URLs of scripts and assets.
  'base-uri': ["'none'"],
  // No form is ever submitted (every form in the app is handled in script).
  'form-action': ["'none'"],
  // No page may frame the editor (clickjacking). Header only: browsers ignore it in a <meta>.
  'frame-ancestors': ["'none'"],
};

/** Directives a `<meta http-equiv="Content-Security-Policy">` may not carry (ignored there, with a console error). */
const HEADER_ONLY: ReadonlySet<string> = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function serialize(include: (directive: string) => boolean): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([directive]) => include(directive))
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

/** The `Content-Security-Policy` header value. */
export const CSP_HEADER: string = serialize(() => true);

/** The policy for the built index.html's `<meta http-equiv="Content-Security-Policy">`. */
export const CSP_META: string = serialize((directive) => !HEADER_ONLY.has(directive));
