/**
 * The demo portal: a product's admin portal with the User Licenses screens built from the kit's
 * elements, one in-memory backend provided to all of them, hash routing between the views, and
 * the QA panel (qa-panel.ts).
 */
import '../src/define.ts';
import { LicenseOverview, LicenseUpload, OfflineActivation, provideLicenseAdapter, SYSTEM_ADMIN_ACCOUNT } from '../src/index.ts';
import { QaMemoryAdapter } from './qa-adapter.ts';
import { setupQaPanel } from './qa-panel.ts';
import { selectedBackend, ServerBackend } from './server-backend.ts';

const PRODUCT = 'Keystone MFA Admin';
const DEFAULT_ROUTE = '/settings/user-licenses';

interface Route {
  /** Id of the view section to show. */
  view: 'view-overview' | 'view-upload' | 'view-placeholder';
  title: string;
  /** Breadcrumb trail above the title; entries with `href` are links. */
  trail: { label: string; href?: string }[];
}

const ROUTES: Record<string, Route> = {
  '/settings/user-licenses': { view: 'view-overview', title: 'User Licenses', trail: [{ label: 'Settings' }] },
  '/settings/user-licenses/add': {
    view: 'view-upload',
    title: 'Add User Licenses',
    trail: [{ label: 'Settings' }, { label: 'User Licenses', href: '#/settings/user-licenses' }],
  },
  '/dashboard': { view: 'view-placeholder', title: 'Dashboard', trail: [] },
  '/users': { view: 'view-placeholder', title: 'Users', trail: [] },
  '/tokens': { view: 'view-placeholder', title: 'Tokens', trail: [] },
  '/reports': { view: 'view-placeholder', title: 'Reports', trail: [] },
  '/settings/general': { view: 'view-placeholder', title: 'General', trail: [{ label: 'Settings' }] },
  '/settings/authentication': { view: 'view-placeholder', title: 'Authentication', trail: [{ label: 'Settings' }] },
  '/settings/audit-log': { view: 'view-placeholder', title: 'Audit log', trail: [{ label: 'Settings' }] },
};

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The demo page has no #${id}`);
  return element as T;
}

// One backend for the whole page, slow enough that loading states show.
const adapter = new QaMemoryAdapter({ latencyMs: 400 });
// With ?backend=server the elements use the reference server through the HTTP adapter instead.
const server = selectedBackend() === 'server' ? new ServerBackend() : undefined;
await server?.load();
const licenseRoot = byId('license-root');
provideLicenseAdapter(licenseRoot, server?.adapter ?? adapter);

function licenseElements(): (LicenseOverview | LicenseUpload | OfflineActivation)[] {
  return [...licenseRoot.querySelectorAll('license-overview, license-upload, offline-activation')].filter(
    (element) => element instanceof LicenseOverview || element instanceof LicenseUpload || element instanceof OfflineActivation,
  );
}

/** Re-checks access in every license element on the page, for example after the user changed. */
function refreshElements(): void {
  for (const element of licenseElements()) element.refresh();
}

/** Re-renders the elements, which read their locale (the nearest lang) when they render. */
function rerenderElements(): void {
  for (const element of licenseElements()) element.requestUpdate();
}

// ---- Header: the signed-in user ----

function showUser(): void {
  const user = server ? server.user : adapter.user;
  const initials = user === null ? '?' : user.displayName.split(/\s+/).map((part) => part[0] ?? '').join('').slice(0, 2);
  byId('account-avatar').textContent = initials.toUpperCase();
  byId('account-prefix').textContent = user === null ? '' : 'Signed in as';
  byId('account-name').textContent = user === null ? 'Signed out' : user.displayName;
  let role = '';
  if (user !== null) role = user.username === SYSTEM_ADMIN_ACCOUNT ? 'System account' : user.role;
  byId('account-role').textContent = role;
  byId('account').classList.toggle('signed-out', user === null);
}

// ---- Routing ----

function currentPath(): string | null {
  const hash = location.hash;
  return hash.startsWith('#/') ? hash.slice(1) : null;
}

function showRoute(moveFocus: boolean): void {
  const path = currentPath();
  if (path === null || ROUTES[path] === undefined) {
    // Not a route (a fragment such as #main from the skip link): keep the current view, or show the default.
    if (document.querySelector('.view:not([hidden])') !== null && path === null) return;
    history.replaceState(null, '', `#${DEFAULT_ROUTE}`);
    showRoute(false);
    return;
  }
  const route = ROUTES[path];

  for (const view of document.querySelectorAll<HTMLElement>('.view')) view.hidden = view.id !== route.view;
  if (route.view === 'view-placeholder') byId('placeholder-title').textContent = route.title;

  for (const link of document.querySelectorAll<HTMLAnchorElement>('.side-nav a')) {
    if (link.getAttribute('href') === `#${path}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  const crumbs = [...route.trail, { label: route.title }].map((crumb, index, all) => {
    const item = document.createElement('li');
    if (index === all.length - 1) {
      const current = document.createElement('span');
      current.setAttribute('aria-current', 'page');
      current.textContent = crumb.label;
      item.append(current);
    } else if ('href' in crumb && crumb.href !== undefined) {
      const link = document.createElement('a');
      link.href = crumb.href;
      link.textContent = crumb.label;
      item.append(link);
    } else {
      item.textContent = crumb.label;
    }
    return item;
  });
  byId('breadcrumb').replaceChildren(...crumbs);

  document.title = `${route.title} · ${PRODUCT}`;
  if (moveFocus) {
    const heading = byId(route.view).querySelector<HTMLElement>('h1');
    heading?.focus();
  }
}

window.addEventListener('hashchange', () => showRoute(true));

// The overview's empty state asks the host to route to "add a license".
licenseRoot.addEventListener('license-add-request', () => {
  location.hash = '#/settings/user-licenses/add';
});

// ---- Start ----

showUser();
adapter.addEventListener('change', showUser);
server?.addEventListener('change', showUser);
showRoute(false);
setupQaPanel({
  adapter,
  server,
  localeRoot: licenseRoot,
  refreshElements,
  onLocaleChange: rerenderElements,
});

// For the smoke test and for poking around in the console.
declare global {
  interface Window {
    demoAdapter: QaMemoryAdapter;
  }
}
window.demoAdapter = adapter;
