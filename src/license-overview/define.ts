import { defineElement } from '../internal/define.js';
import { LicenseOverview } from './license-overview.js';

export { LicenseOverview };

defineElement('license-overview', LicenseOverview);
