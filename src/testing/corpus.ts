/**
 * Test support (Node only): the corpus of 141 real Studio flows that every pure layer is tested against.
 *
 * It lives in ../shared/corpus beside the repository, in CI too; CORPUS_DIR overrides the location. A missing
 * corpus fails the tests loudly rather than skipping them, so a green run always means the corpus was checked.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR =
  process.env.CORPUS_DIR ?? fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** The pre-2019 flow that the v2 API no longer accepts. */
export const LEGACY_FILE = 'real/accfb-foodnow__flow-old.json';

export interface CorpusFile {
  /** `real/x.json` or `techmatters/y.json`. */
  file: string;
  text: string;
}

let cache: CorpusFile[] | undefined;

/** Every corpus flow file, in a stable order. Throws with a clear message when the corpus is not there. */
export function corpusFiles(): CorpusFile[] {
  if (cache) return cache;
  if (!existsSync(join(CORPUS_DIR, 'real'))) {
    throw new Error(
      `The flow corpus is missing at ${CORPUS_DIR}. It ships in ../shared/corpus beside this repository; ` +
        'set CORPUS_DIR to its location.',
    );
  }
  cache = ['real', 'techmatters'].flatMap((sub) =>
    readdirSync(join(CORPUS_DIR, sub))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => ({ file: `${sub}/${f}`, text: readFileSync(join(CORPUS_DIR, sub, f), 'utf8') })),
  );
  return cache;
}

export function corpusFile(file: string): CorpusFile {
  const found = corpusFiles().find((c) => c.file === file);
  if (!found) throw new Error(`No corpus file ${file}`);
  return found;
}
