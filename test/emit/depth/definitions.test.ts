/** Differential tests, family “definitions” (see family.ts): random programs × inputs, generated evaluator vs interpreter. */
import { familySuite } from './family.js';

familySuite('definitions');
