// Entry of the CLI's worker threads when the CLI runs from the bundle (scripts/bundle.mjs points
// lint-run.ts at it): loads the bundle as bin/roslint.js does, with its code cache, which saves
// each worker ~0.1 s of CPU compiling the bundle again; lint-run.ts in the bundle then serves the
// thread.
import { loadBundle } from './load-bundle.js';

loadBundle();
