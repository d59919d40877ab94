import './helpers/setup.ts';
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.ts';
import { MemoryAdapter } from '../src/adapter/memory/index.ts';
import type { LicenseOverview } from '../src/index.ts';
import { getByRole, queryAllByRole, waitFor } from './helpers/dom.ts';

describe('license-overview', () => {
  it('renders the demo licenses', async () => {
    const adapter = new MemoryAdapter();
    const element = await fixture<LicenseOverview>(html`<license-overview .adapter=${adapter}></license-overview>`);
    const table = await waitFor(() => getByRole(element, 'table'), 'license table');
    expect(queryAllByRole(table, 'row').length).to.equal(6);
    await expect(element).to.be.accessible();
  });
});
