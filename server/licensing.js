/**
 * The reference server's licensing rules, apart from HTTP: verifying signed keys, adding and
 * renewing licenses, offline challenges, and who may do what. Every method that changes data
 * persists it before it returns. Failures are {@link ProblemError}s carrying the HTTP status and
 * the adapter's error code.
 *
 * Imports TypeScript modules of the kit: load server/register-ts.js first.
 */
import { randomBytes } from 'node:crypto';
import { createChallengeKey, DEMO_KEY_FORMATS, verifyResponseKey } from '../src/adapter/memory/offline-codes.ts';
import { mayManageLicenses } from '../src/adapter/types.ts';
import { createSignedSampleKeys, isoDateFrom, issueLicenseKey, verifyLicenseKey } from './vendor/signed-keys.js';

/** A failure with its HTTP status and the adapter's error code. */
export class ProblemError extends Error {
  /**
   * @param {number} status
   * @param {string} code one of LICENSE_ERROR_CODES
   * @param {string} detail
   * @param {{ retryAfterSeconds?: number }} [options]
   */
  constructor(status, code, detail, options = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Users the QA endpoints can sign in, by id. */
export const DEMO_USERS = {
  admin: { username: 'jdoe', displayName: 'Jordan Doe', role: 'Admin' },
  system: { username: 'one_sys_admin', displayName: 'System Administrator', role: 'System' },
  'read-only': { username: 'asmith', displayName: 'Alex Smith', role: 'Read-only' },
};

/** Products this installation runs; keys for any other product are another product's. */
export const INSTALLED_PRODUCTS = ['MFA Server', 'Mobile Token', 'Hardware Token', 'SMS Passcode', 'Self-Service Portal', 'Password Reset'];

export const DEFAULT_CHALLENGE_LIFETIME_SECONDS = 900;
export const DEFAULT_RESPONSE_ATTEMPTS = 5;
/** Number of replaced challenge ids kept, which return `challenge-replaced`; older ones return `not-found`. */
const REPLACED_IDS_KEPT = 50;

/**
 * @typedef {object} StoredChallenge
 * @property {string} id
 * @property {string} challengeKey
 * @property {string} licenseKey the canonical signed key the challenge is for
 * @property {string} product
 * @property {number} issuedAtMs
 * @property {number} lifetimeSeconds
 * @property {number} attemptsLeft wrong response keys still accepted before the challenge is void
 * @property {'pending' | 'used' | 'exhausted'} state
 */

/**
 * @typedef {object} ServerData
 * @property {number} version
 * @property {string} installationId
 * @property {number} nextLicenseNumber
 * @property {import('../src/adapter/types.ts').License[]} licenses
 * @property {StoredChallenge | null} challenge
 * @property {string[]} replacedChallengeIds
 * @property {{ userId: keyof typeof DEMO_USERS | null, offline: boolean, challengeLifetimeSeconds: number, responseAttempts: number }} settings
 */

/**
 * Builds the first data set: the same five licenses as the in-memory adapter's sample data, with signed keys.
 * @param {number} now
 * @returns {ServerData}
 */
export function createInitialData(now) {
  /** @type {(id: string, product: string, seats: number | 'unlimited', seatsUsed: number, issuedDays: number, expiresDays: number | null) => import('../src/adapter/types.ts').License} */
  const entry = (id, product, seats, seatsUsed, issuedDays, expiresDays) => {
    const issuedAt = isoDateFrom(now, issuedDays);
    const expiresAt = expiresDays === null ? null : isoDateFrom(now, expiresDays);
    return {
      id,
      product,
      key: issueLicenseKey({ product, seats, issuedOn: issuedAt, expiresOn: expiresAt }),
      seatsUsed,
      seatsTotal: seats,
      issuedAt,
      expiresAt,
      status: expiresDays !== null && expiresDays < 0 ? 'expired' : 'active',
    };
  };
  return {
    version: 1,
    installationId: `inst-${randomBytes(6).toString('hex')}`,
    nextLicenseNumber: 1,
    licenses: [
      entry('lic-mfa-server', 'MFA Server', 250, 212, -165, 200),
      entry('lic-mobile-token', 'Mobile Token', 100, 97, -353, 12),
      entry('lic-hardware-token', 'Hardware Token', 50, 50, -385, -20),
      entry('lic-sms-passcode', 'SMS Passcode', 500, 612, -275, 90),
      entry('lic-self-service', 'Self-Service Portal', 'unlimited', 1840, -30, 335),
    ],
    challenge: null,
    replacedChallengeIds: [],
    settings: { userId: 'admin', offline: false, challengeLifetimeSeconds: DEFAULT_CHALLENGE_LIFETIME_SECONDS, responseAttempts: DEFAULT_RESPONSE_ATTEMPTS },
  };
}

export class LicenseService {
  /**
   * @param {import('./store.js').JsonStore<ServerData>} store
   * @param {ServerData} data
   * @param {{ now?: () => number }} [options]
   */
  constructor(store, data, options = {}) {
    this.store = store;
    this.data = data;
    this.now = options.now ?? Date.now;
  }

  /**
   * Loads the stored data, or creates and stores the first data set.
   * @param {import('./store.js').JsonStore<ServerData>} store
   * @param {{ now?: () => number, challengeLifetimeSeconds?: number, responseAttempts?: number }} [options]
   */
  static async open(store, options = {}) {
    const now = options.now ?? Date.now;
    const data = (await store.read()) ?? createInitialData(now());
    if (options.challengeLifetimeSeconds !== undefined) data.settings.challengeLifetimeSeconds = options.challengeLifetimeSeconds;
    if (options.responseAttempts !== undefined) data.settings.responseAttempts = options.responseAttempts;
    const service = new LicenseService(store, data, { now });
    await service.save();
    return service;
  }

  save() {
    return this.store.write(this.data);
  }

  /**
   * Returns the signed-in user with their permission, or throws a 401 problem.
   * NOTE: the server has no login. The QA setting `userId` decides who is signed in, for every client.
   */
  currentUser() {
    const { userId } = this.data.settings;
    const user = userId === null ? undefined : DEMO_USERS[userId];
    if (user === undefined) throw new ProblemError(401, 'not-signed-in', 'Nobody is signed in.');
    return { ...user, canManageLicenses: mayManageLicenses(user) };
  }

  /** Returns the signed-in user when they may manage licenses, else throws a 401 or 403 problem. */
  requireManager() {
    const user = this.currentUser();
    if (!user.canManageLicenses) {
      throw new ProblemError(403, 'forbidden', `User ${user.username} with role ${user.role} may not manage licenses.`);
    }
    return user;
  }

  keyFormats() {
    // Signed keys have no grouped shape, so only the response key format is published.
    return { responseKey: DEMO_KEY_FORMATS.responseKey };
  }

  listLicenses() {
    this.requireManager();
    const today = isoDateFrom(this.now(), 0);
    for (const license of this.data.licenses) {
      if (license.expiresAt !== null && license.expiresAt.slice(0, 10) < today && license.status === 'active') license.status = 'expired';
    }
    return structuredClone(this.data.licenses);
  }

  /** @param {string} key */
  async submitLicenseKey(key) {
    this.requireManager();
    const checked = this.#checkKey(key);
    if (this.data.settings.offline) return { kind: 'challenge', challenge: await this.#issueChallenge(checked.key, checked.fields.product) };
    const result = this.#apply(checked);
    await this.save();
    return { kind: 'activated', ...result };
  }

  pendingChallenge() {
    this.requireManager();
    const challenge = this.data.challenge;
    if (challenge === null || challenge.state !== 'pending') return null;
    // An expired challenge stays readable, with 0 seconds left, so the admin can renew it after a reload.
    return this.#publicChallenge(challenge, this.#secondsLeft(challenge));
  }

  /** @param {string} challengeId */
  async renewChallenge(challengeId) {
    this.requireManager();
    const challenge = this.#findChallenge(challengeId);
    if (challenge.state === 'used') throw new ProblemError(404, 'not-found', `Challenge ${challengeId} was already used.`);
    return this.#issueChallenge(challenge.licenseKey, challenge.product);
  }

  /**
   * @param {string} challengeId
   * @param {string} responseKey
   */
  async activateOffline(challengeId, responseKey) {
    this.requireManager();
    const challenge = this.#findChallenge(challengeId);
    if (challenge.state === 'used') throw new ProblemError(410, 'challenge-expired', `Challenge ${challengeId} was already used.`);
    if (challenge.state === 'exhausted') throw new ProblemError(410, 'challenge-expired', `Challenge ${challengeId} has no attempts left; renew it.`);
    if (this.#secondsLeft(challenge) <= 0) throw new ProblemError(410, 'challenge-expired', `Challenge ${challengeId} expired.`);

    if (!verifyResponseKey(challenge.challengeKey, responseKey)) {
      challenge.attemptsLeft -= 1;
      if (challenge.attemptsLeft <= 0) challenge.state = 'exhausted';
      await this.save();
      throw new ProblemError(422, 'response-mismatch', `The response key does not match challenge ${challengeId}. Attempts left: ${challenge.attemptsLeft}.`);
    }

    challenge.state = 'used';
    // Re-checked because the key may have expired or been applied online while the challenge was pending.
    try {
      const result = this.#apply(this.#checkKey(challenge.licenseKey));
      return result;
    } finally {
      await this.save();
    }
  }

  /**
   * Applies the QA settings: signed-in user, offline mode, challenge lifetime and response attempts.
   * @param {Partial<ServerData['settings']>} settings
   */
  async configure(settings) {
    Object.assign(this.data.settings, settings);
    await this.save();
    return { ...this.data.settings };
  }

  /** Replaces every license, challenge and QA setting with the first data set, keeping the installation id. */
  async reset() {
    const fresh = createInitialData(this.now());
    this.data = { ...fresh, installationId: this.data.installationId, settings: { ...fresh.settings } };
    await this.save();
  }

  sampleKeys() {
    return createSignedSampleKeys(this.now());
  }

  /** Returns the stored challenge whatever its expiry and state, for the QA support box. */
  storedChallenge() {
    const challenge = this.data.challenge;
    return challenge === null ? null : { ...this.#publicChallenge(challenge, this.#secondsLeft(challenge)), state: challenge.state, attemptsLeft: challenge.attemptsLeft };
  }

  /** @param {string} key */
  #checkKey(key) {
    const checked = verifyLicenseKey(key);
    if (!checked.ok) throw new ProblemError(422, 'invalid-key', `The license key is invalid: ${checked.problem}.`);
    const { fields } = checked;
    if (!INSTALLED_PRODUCTS.includes(fields.product)) {
      throw new ProblemError(422, 'wrong-product', `The key is for ${fields.product}, which this installation does not run.`);
    }
    if (fields.expiresOn !== null && fields.expiresOn < isoDateFrom(this.now(), 0)) {
      throw new ProblemError(422, 'key-expired', `The key expired on ${fields.expiresOn}.`);
    }
    if (this.data.licenses.some((license) => license.key === checked.key)) {
      throw new ProblemError(409, 'key-already-applied', 'This key is already applied.');
    }
    return checked;
  }

  /** @param {{ key: string, fields: import('./vendor/signed-keys.js').LicenseKeyFields }} checked */
  #apply({ key, fields }) {
    const index = this.data.licenses.findIndex((license) => license.product === fields.product);
    const previous = index >= 0 ? this.data.licenses[index] : undefined;
    /** @type {import('../src/adapter/types.ts').License} */
    const license = {
      id: previous?.id ?? `lic-${this.data.nextLicenseNumber++}`,
      product: fields.product,
      key,
      seatsUsed: previous?.seatsUsed ?? 0,
      seatsTotal: fields.seats,
      issuedAt: fields.issuedOn,
      expiresAt: fields.expiresOn,
      status: 'active',
    };
    if (previous === undefined) this.data.licenses.push(license);
    else this.data.licenses[index] = license;
    return previous === undefined ? { license: structuredClone(license) } : { license: structuredClone(license), previous: structuredClone(previous) };
  }

  /**
   * @param {string} licenseKey
   * @param {string} product
   */
  async #issueChallenge(licenseKey, product) {
    const old = this.data.challenge;
    if (old !== null) this.data.replacedChallengeIds = [old.id, ...this.data.replacedChallengeIds].slice(0, REPLACED_IDS_KEPT);

    const nonce = randomBytes(8).toString('hex');
    const { challengeLifetimeSeconds, responseAttempts } = this.data.settings;
    /** @type {StoredChallenge} */
    const challenge = {
      id: `chl-${nonce}`,
      challengeKey: createChallengeKey(this.data.installationId, licenseKey, nonce),
      licenseKey,
      product,
      issuedAtMs: this.now(),
      lifetimeSeconds: challengeLifetimeSeconds,
      attemptsLeft: responseAttempts,
      state: 'pending',
    };
    this.data.challenge = challenge;
    await this.save();
    return this.#publicChallenge(challenge, challengeLifetimeSeconds);
  }

  /** @param {string} challengeId */
  #findChallenge(challengeId) {
    const challenge = this.data.challenge;
    if (challenge !== null && challenge.id === challengeId) return challenge;
    if (this.data.replacedChallengeIds.includes(challengeId)) {
      throw new ProblemError(409, 'challenge-replaced', `Challenge ${challengeId} was replaced by a newer challenge.`);
    }
    throw new ProblemError(404, 'not-found', `No challenge with id ${challengeId}.`);
  }

  /** @param {StoredChallenge} challenge */
  #secondsLeft(challenge) {
    return Math.max(0, challenge.lifetimeSeconds - Math.floor((this.now() - challenge.issuedAtMs) / 1000));
  }

  /**
   * @param {StoredChallenge} challenge
   * @param {number} secondsLeft
   */
  #publicChallenge(challenge, secondsLeft) {
    return {
      id: challenge.id,
      challengeKey: challenge.challengeKey,
      lifetimeSeconds: challenge.lifetimeSeconds,
      expiresInSeconds: secondsLeft,
      issuedAt: new Date(challenge.issuedAtMs).toISOString(),
      product: challenge.product,
    };
  }
}
