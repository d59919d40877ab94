/**
 * License Elements: classes, the adapter contract and helpers. Importing this module defines no
 * tags; import `license-elements/define.js` or an element's own entry point for that.
 */
export { LicenseOverview, type DisplayStatus } from './license-overview/license-overview.js';
export { LicenseUpload } from './license-upload/license-upload.js';
export { OfflineActivation } from './offline-activation/offline-activation.js';

export type {
  ActivationResult,
  CallOptions,
  CurrentUser,
  GroupedKeyFormat,
  KeyFormats,
  License,
  LicenseAdapter,
  LicenseStatus,
  OfflineChallenge,
  SubmitResult,
} from './adapter/types.js';
export { ADMIN_ROLE, SYSTEM_ADMIN_ACCOUNT, mayManageLicenses } from './adapter/types.js';
export { LICENSE_ERROR_CODES, LicenseError, isAbortError, isLicenseError, toLicenseError } from './adapter/errors.js';
export type { LicenseErrorCode, LicenseErrorOptions } from './adapter/errors.js';
export { licenseAdapterContext, provideLicenseAdapter } from './adapter/context.js';
export { validatingAdapter } from './adapter/validating-adapter.js';
export { defineElement } from './internal/define.js';
export { normalizeKey } from './license-upload/normalize-key.js';
export type { KeyProblem, KeyRepair, NormalizeKeyOptions, NormalizeKeyResult } from './license-upload/normalize-key.js';
export type {
  LicenseActivatedDetail,
  LicenseAddedDetail,
  LicenseChallengeDetail,
  LicenseEventMap,
  LicenseFailureDetail,
  LicenseKeyCopiedDetail,
} from './internal/events.js';
