import { defineElement } from '../internal/define.js';
import { OfflineActivation } from './offline-activation.js';

export { OfflineActivation };

defineElement('offline-activation', OfflineActivation);
