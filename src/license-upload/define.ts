import '../offline-activation/define.js';
import { defineElement } from '../internal/define.js';
import { LicenseUpload } from './license-upload.js';

export { LicenseUpload };

defineElement('license-upload', LicenseUpload);

declare global {
  interface HTMLElementTagNameMap {
    'license-upload': LicenseUpload;
  }
}
