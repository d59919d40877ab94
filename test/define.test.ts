import './helpers/setup.ts';
import { expect } from '@open-wc/testing';
import { defineElement } from '../src/internal/define.ts';

// The test runner gives each test file its own page, so no tag is defined when this file starts.
// This file must not import src/define.ts statically: the tests below depend on when it loads.
const TAGS = ['license-overview', 'license-upload', 'offline-activation'];

describe('element registration', () => {
  it('importing index defines no tag', async () => {
    for (const tag of TAGS) expect(customElements.get(tag), `${tag} before the import`).to.equal(undefined);

    const module = await import('../src/index.ts');

    expect(module.LicenseOverview, 'LicenseOverview is exported').to.be.a('function');
    for (const tag of TAGS) expect(customElements.get(tag), `${tag} after importing index`).to.equal(undefined);
  });

  it('defineElement keeps the first definition', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}

    defineElement('define-test-twice', First);
    expect(() => defineElement('define-test-twice', Second), 'second definition').not.to.throw();
    expect(customElements.get('define-test-twice'), 'registered class').to.equal(First);
  });

  it('defineElement still throws for an invalid tag name', () => {
    class Invalid extends HTMLElement {}
    expect(() => defineElement('nodash', Invalid)).to.throw(DOMException);
    expect(customElements.get('nodash'), 'nothing registered').to.equal(undefined);
  });

  it('defineElement still throws for a reused class', () => {
    class Reused extends HTMLElement {}
    defineElement('define-test-reused-a', Reused);
    expect(() => defineElement('define-test-reused-b', Reused)).to.throw(DOMException);
    expect(customElements.get('define-test-reused-b'), 'second tag').to.equal(undefined);
  });

  it('registers the other tags when one is taken', async () => {
    // Simulates a second bundle of the kit that registered <license-upload> first.
    class OtherBundleUpload extends HTMLElement {}
    customElements.define('license-upload', OtherBundleUpload);

    await import('../src/define.ts');

    const { LicenseOverview, OfflineActivation } = await import('../src/index.ts');
    expect(customElements.get('license-upload'), 'license-upload keeps the first class').to.equal(OtherBundleUpload);
    expect(customElements.get('license-overview'), 'license-overview').to.equal(LicenseOverview);
    expect(customElements.get('offline-activation'), 'offline-activation').to.equal(OfflineActivation);
  });
});
