// Public API: `import { assess } from 'balance-check'`.
export { assess, assessWorkbook, exitCode, type AssessOptions, type InputSpec, type WorkbookOptions, VERSION } from './assess.js';
export { fatalMessage } from './i18n/messages.js';
export { variationCoefficient, type CvInput, type CvResult } from './compute/cv.js';
export { builtInProfile, BUILT_IN } from './profiles/index.js';
export { Profile } from './profiles/schema.js';
export { Report } from './report/schema.js';
export { renderText } from './render/text.js';
export { renderJson } from './render/json.js';
