/**
 * Registers `<license-overview>`, `<license-upload>` and `<offline-activation>`. Tags already
 * defined (for example by a second bundle on the page) are left as they are.
 */
import './license-overview/define.js';
import './license-upload/define.js';
import './offline-activation/define.js';

export * from './index.js';
