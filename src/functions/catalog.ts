// Every custom function's metadata, read by scripts/build.mjs to write the @customfunction JSDoc.
import type { CustomFunctionMeta } from './custom-function';
import { LEADSCORE_META } from './lead-score';

export const CUSTOM_FUNCTIONS: readonly CustomFunctionMeta[] = [LEADSCORE_META];
