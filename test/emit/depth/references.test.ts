/** Differential tests, family “references” (see family.ts): random programs × inputs, generated evaluator vs interpreter. */
import { familySuite } from './family.js';

familySuite('references');
