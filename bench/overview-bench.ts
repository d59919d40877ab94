/**
 * The benchmark page that scripts/bench-overview.mjs drives in headless Chromium. For a list of
 * licenses it measures the first render (from adding the list to the page until its rows are
 * painted), a full scroll (from the top to the last row, one viewport per animation frame) and a
 * wheel-speed scroll (100 px per frame, for at most 240 frames).
 *
 * `element` is `<license-overview>` on the in-memory adapter. `baseline` is plain DOM code that
 * renders the same rows with the same cells: every row when the overview would render every row,
 * else only the rows in view, as the overview's virtualizer does.
 */
import { MemoryAdapter } from '../src/adapter/memory/index.ts';
import type { License } from '../src/adapter/types.ts';
import '../src/license-overview/define.ts';

type Mode = 'element' | 'baseline';

/** One measurement; times in milliseconds. */
export interface BenchResult {
  mode: Mode;
  count: number;
  firstRenderMs: number;
  scrollMs: number;
  scrollFrames: number;
  /** Mean and worst time between two animation frames while scrolling. */
  meanFrameMs: number;
  maxFrameMs: number;
  /** Rows in the DOM once the last row is in view. */
  rowsInDom: number;
  /** Mean and worst time between two animation frames while scrolling 100 px per frame, as a mouse wheel does. */
  wheelMeanFrameMs: number;
  wheelMaxFrameMs: number;
}

/** Lists longer than this render only their visible rows; the same value as VIRTUAL_LIST_THRESHOLD in src/license-overview/license-list.ts. */
const VIRTUAL_LIST_THRESHOLD = 200;

const VIEWPORT_HEIGHT = 600;
const ROW_HEIGHT = 49;

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

function makeLicenses(count: number): License[] {
  const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: count }, (_, index) => ({
    id: `lic-${index + 1}`,
    product: `Product ${index + 1}`,
    key: `K${String(index).padStart(4, '0')}-9QWF3-MR2HY-6CDPV-J4G8X`,
    seatsUsed: (index * 7) % 260,
    seatsTotal: index % 11 === 0 ? 'unlimited' : 250,
    issuedAt: day(-300),
    expiresAt: day(((index * 37) % 700) - 60),
    status: 'active',
  }));
}

/** Waits until `ready` returns true, checking once per animation frame, then for one more frame so the rows are painted. */
async function untilPainted(ready: () => boolean): Promise<void> {
  while (!ready()) await nextFrame();
  await nextFrame();
}

/**
 * Scrolls `scroller` one viewport per frame until it reached its end and `lastRowShown` returns
 * true; returns the time between consecutive frames.
 */
async function scrollToEnd(scroller: Element, lastRowShown: () => boolean): Promise<number[]> {
  const frames: number[] = [];
  const atEnd = (): boolean => scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1;
  let previous = await nextFrame();
  while (!atEnd() || !lastRowShown()) {
    scroller.scrollTop += scroller.clientHeight;
    const now = await nextFrame();
    frames.push(now - previous);
    previous = now;
    if (frames.length > 100_000) throw new Error('The last row never came into view.');
  }
  return frames;
}

/** Pixels per frame of the wheel-speed scroll, and its number of frames at most. */
const WHEEL_STEP = 100;
const WHEEL_FRAMES = 240;

/**
 * Scrolls `scroller` from the top by {@link WHEEL_STEP} pixels per frame, for {@link WHEEL_FRAMES}
 * frames or until its end; returns the mean and worst time between consecutive frames.
 */
async function wheelScroll(scroller: Element): Promise<{ wheelMeanFrameMs: number; wheelMaxFrameMs: number }> {
  scroller.scrollTop = 0;
  const frames: number[] = [];
  let previous = await nextFrame();
  while (frames.length < WHEEL_FRAMES && scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    scroller.scrollTop += WHEEL_STEP;
    const now = await nextFrame();
    frames.push(now - previous);
    previous = now;
  }
  const { meanFrameMs, maxFrameMs } = frameStats(frames);
  return { wheelMeanFrameMs: meanFrameMs, wheelMaxFrameMs: maxFrameMs };
}

/**
 * Shows one license once, so that the list view's chunk is loaded before the timed render, as it is
 * on any page that showed the overview before. The virtualizer's chunk is not preloaded: a long
 * list's first render includes loading it.
 */
async function loadListView(stage: HTMLElement): Promise<void> {
  const element = document.createElement('license-overview');
  element.adapter = new MemoryAdapter({ licenses: makeLicenses(1), latencyMs: 0 });
  stage.append(element);
  await untilPainted(() => element.shadowRoot?.querySelector('.body [role="row"]') != null);
  element.remove();
}

async function runElement(stage: HTMLElement, licenses: License[]): Promise<Omit<BenchResult, 'mode' | 'count'>> {
  await loadListView(stage);
  const adapter = new MemoryAdapter({ licenses, latencyMs: 0 });
  const element = document.createElement('license-overview');
  element.style.setProperty('--license-overview-max-height', `${VIEWPORT_HEIGHT}px`);
  element.adapter = adapter;

  const rowsOf = (): NodeListOf<Element> => element.shadowRoot!.querySelectorAll('.body [role="row"]');
  const last = `Product ${licenses.length}`;
  const lastRowShown = (): boolean => [...rowsOf()].some((row) => row.querySelector('[role="rowheader"]')?.textContent === last);

  const start = performance.now();
  stage.append(element);
  const virtual = licenses.length > VIRTUAL_LIST_THRESHOLD;
  // A virtual list is complete once the virtualizer sized its rows' group; a short one once every row is there.
  await untilPainted(() =>
    virtual ? element.shadowRoot?.querySelector<HTMLElement>('.body')?.style.minHeight !== '' && rowsOf().length > 0 : rowsOf().length === licenses.length,
  );
  const firstRenderMs = performance.now() - start;

  const scroller = virtual ? element.shadowRoot!.querySelector('.scroller')! : document.scrollingElement!;
  const scrollStart = performance.now();
  const frames = await scrollToEnd(scroller, lastRowShown);
  const scrollMs = performance.now() - scrollStart;
  const rowsInDom = rowsOf().length;
  const wheel = await wheelScroll(scroller);
  element.remove();
  document.scrollingElement!.scrollTop = 0;
  return { firstRenderMs, scrollMs, ...frameStats(frames), rowsInDom, ...wheel };
}

/** Builds the cells of one row with plain DOM calls, with the texts the overview shows. */
function buildRow(license: License, index: number, formats: { date: Intl.DateTimeFormat; count: Intl.NumberFormat }): HTMLElement {
  const row = document.createElement('div');
  row.setAttribute('role', 'row');
  row.setAttribute('aria-rowindex', String(index + 2));
  row.className = 'row';
  const cell = (role: string, text: string): void => {
    const element = document.createElement('div');
    element.setAttribute('role', role);
    element.textContent = text;
    row.append(element);
  };
  cell('rowheader', license.product);
  cell('cell', license.key);
  cell('cell', `${formats.count.format(license.seatsUsed ?? 0)} of ${license.seatsTotal === 'unlimited' ? 'unlimited' : formats.count.format(license.seatsTotal ?? 0)}`);
  cell('cell', formats.date.format(Date.parse(license.issuedAt)));
  cell('cell', license.expiresAt === null ? 'Never' : formats.date.format(Date.parse(license.expiresAt)));
  cell('cell', license.status);
  return row;
}

async function runBaseline(stage: HTMLElement, licenses: License[]): Promise<Omit<BenchResult, 'mode' | 'count'>> {
  const formats = { date: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }), count: new Intl.NumberFormat('en-US') };
  const virtual = licenses.length > VIRTUAL_LIST_THRESHOLD;
  const scroller = document.createElement('div');
  scroller.style.cssText = virtual ? `height: ${VIEWPORT_HEIGHT}px; overflow: auto; position: relative` : '';
  const body = document.createElement('div');
  body.style.cssText = virtual ? `position: relative; height: ${licenses.length * ROW_HEIGHT}px` : '';
  scroller.append(body);
  const style = document.createElement('style');
  style.textContent = `.row { display: grid; grid-template-columns: 1.3fr 1.6fr 1fr 0.8fr 1.1fr 0.9fr; height: ${ROW_HEIGHT}px; box-sizing: border-box; }`;

  let shown = { first: -1, last: -1 };
  const renderVisible = (): void => {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(licenses.length - 1, Math.ceil((scroller.scrollTop + VIEWPORT_HEIGHT) / ROW_HEIGHT) + 5);
    if (first === shown.first && last === shown.last) return;
    shown = { first, last };
    const rows: HTMLElement[] = [];
    for (let index = first; index <= last; index++) {
      const row = buildRow(licenses[index]!, index, formats);
      row.style.cssText = `position: absolute; inset-inline: 0; top: ${index * ROW_HEIGHT}px`;
      rows.push(row);
    }
    body.replaceChildren(...rows);
  };

  const start = performance.now();
  stage.append(style, scroller);
  if (virtual) {
    renderVisible();
    scroller.addEventListener('scroll', renderVisible);
  } else {
    body.append(...licenses.map((license, index) => buildRow(license, index, formats)));
  }
  await untilPainted(() => body.childElementCount > 0);
  const firstRenderMs = performance.now() - start;

  const last = `Product ${licenses.length}`;
  const lastRowShown = (): boolean => body.lastElementChild?.firstElementChild?.textContent === last;
  const scrollStart = performance.now();
  const frames = await scrollToEnd(virtual ? scroller : document.scrollingElement!, lastRowShown);
  const scrollMs = performance.now() - scrollStart;
  const rowsInDom = body.childElementCount;
  const wheel = await wheelScroll(virtual ? scroller : document.scrollingElement!);
  scroller.remove();
  style.remove();
  document.scrollingElement!.scrollTop = 0;
  return { firstRenderMs, scrollMs, ...frameStats(frames), rowsInDom, ...wheel };
}

function frameStats(frames: number[]): { scrollFrames: number; meanFrameMs: number; maxFrameMs: number } {
  const total = frames.reduce((sum, frame) => sum + frame, 0);
  return { scrollFrames: frames.length, meanFrameMs: frames.length === 0 ? 0 : total / frames.length, maxFrameMs: Math.max(0, ...frames) };
}

/** Runs one measurement; the script calls it through `page.evaluate`. */
async function runBench(mode: Mode, count: number): Promise<BenchResult> {
  const stage = document.getElementById('stage')!;
  const licenses = makeLicenses(count);
  const result = mode === 'element' ? await runElement(stage, licenses) : await runBaseline(stage, licenses);
  return { mode, count, ...result };
}

declare global {
  interface Window {
    runBench: typeof runBench;
  }
}

window.runBench = runBench;
