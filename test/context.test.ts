import './helpers/setup.ts';
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.ts';
import { MemoryAdapter } from '../src/adapter/memory/index.ts';
import { provideLicenseAdapter, type LicenseOverview, type LicenseUpload } from '../src/index.ts';
import { getByRole, waitFor } from './helpers/dom.ts';

describe('provideLicenseAdapter', () => {
  it('serves elements connected before the provider', async () => {
    const container = await fixture<HTMLDivElement>(html`<div>
      <license-overview></license-overview>
      <license-upload></license-upload>
    </div>`);
    const overview = container.querySelector<LicenseOverview>('license-overview')!;
    const upload = container.querySelector<LicenseUpload>('license-upload')!;

    provideLicenseAdapter(container, new MemoryAdapter());

    await waitFor(() => getByRole(overview, 'table'), 'overview table after a late provider');
    const textbox = await waitFor(() => getByRole(upload, 'textbox', 'License key'), 'upload text box after a late provider');
    expect(textbox.tagName).to.equal('TEXTAREA');
  });

  it('serves elements connected after the provider', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    provideLicenseAdapter(container, new MemoryAdapter());

    const overview = document.createElement('license-overview');
    container.append(overview);

    await waitFor(() => getByRole(overview, 'table'), 'overview table under an earlier provider');
  });

  it('reaches elements inside another shadow root', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = container.attachShadow({ mode: 'open' });
    const overview = document.createElement('license-overview');
    shadow.append(overview);

    provideLicenseAdapter(container, new MemoryAdapter());

    await waitFor(() => getByRole(overview, 'table'), 'overview table inside a shadow root');
  });

  it('lets the property win over the provider', async () => {
    const provided = new MemoryAdapter();
    const own = new MemoryAdapter({ licenses: [] });
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    provideLicenseAdapter(container, provided);

    const overview = document.createElement('license-overview');
    overview.adapter = own;
    container.append(overview);

    const heading = await waitFor(() => getByRole(overview, 'heading', 'No licenses yet'), 'empty state from the own adapter');
    expect(heading, 'the element used its own, empty adapter').to.exist;
  });
});
