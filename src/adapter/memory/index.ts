export { MemoryAdapter, DEMO_ADMIN, DEMO_READ_ONLY_USER, DEMO_SYSTEM_ADMIN } from './memory-adapter.js';
export type { AdapterCall, MemoryAdapterOptions, MemoryUser } from './memory-adapter.js';
export { createDemoKey, parseDemoKey, DEMO_PRODUCTS, DEMO_VENDOR_SECRET } from './demo-keys.js';
export type { DemoKeyFields, DemoKeyParseResult, DemoKeyProblem } from './demo-keys.js';
export { computeResponseKey, createChallengeKey, DEMO_KEY_FORMATS, verifyResponseKey } from './offline-codes.js';
export { createSampleKeys, createSampleLicenses, DEMO_INSTALLED_PRODUCTS } from './sample-data.js';
export type { SampleKeys } from './sample-data.js';
