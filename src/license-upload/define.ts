import { defineElement } from '../internal/define.js';
import { LicenseUpload } from './license-upload.js';

export { LicenseUpload };

defineElement('license-upload', LicenseUpload);
