import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { requireBuiltConsole, startConsoleTestApp, type ConsoleTestApp } from './support/console-test-app.js';
import {
  axeViolations, DESKTOP, forgetErrors, launchChromium, openConsole, overflowsHorizontally, PHONE, screenshot, type ConsolePage,
} from './support/console-browser.js';
import { http } from './support/presence-test-app.js';
import { tokenFor } from './support/test-tokens.js';

/**
 * The agent's and the supervisor's consoles driven in Debian's Chromium
 * (playwright-core, no browser download) against the embedded default, the
 * way two people at two screens would use them. Screenshots go to
 * test-artifacts/console/ (git-ignored).
 */
let app: ConsoleTestApp;
let browser: Browser;
let opened: ConsolePage[] = [];

const register = (agentId: string, displayName: string, teams: string[], capacity: number) =>
  http(`${app.url}/v1/agents/${agentId}`, 'PUT', { displayName, teams, maxConcurrentConversations: capacity });
const setStatus = (agentId: string, status: string, reason?: string) =>
  http(`${app.url}/v1/agents/${agentId}/status`, 'PUT', { status, ...(reason ? { reason } : {}) });
const queue = (conversationId: string, team: string) => http(`${app.url}/v1/conversations`, 'POST', { conversationId, team });

const open = async (token: Promise<string>, viewport = DESKTOP): Promise<ConsolePage> => {
  const page = await openConsole(browser, app.url, await token, viewport);
  opened.push(page);
  return page;
};
const ada = (viewport = DESKTOP) => open(tokenFor('ada', 'agent', ['sales']), viewport);
const supervisor = (viewport = DESKTOP) => open(tokenFor('sup-1', 'supervisor', ['sales']), viewport);
const row = (view: ConsolePage, agentId: string) => view.page.locator(`tr[data-agent="${agentId}"]`);

beforeAll(async () => {
  requireBuiltConsole();
  app = await startConsoleTestApp();
  expect((await register('ada', 'Ada', ['sales'], 2)).status).toBe(200);
  expect((await register('bob', 'Bob', ['sales'], 1)).status).toBe(200);
  browser = await launchChromium();
}, 120_000);

afterEach(async () => {
  const errors = opened.flatMap((view) => view.errors);
  await Promise.all(opened.map((view) => view.context.close()));
  opened = [];
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

it('shows the agent its conversations, and the agent transfers one to another team and closes another', async () => {
  await setStatus('ada', 'online', 'shift start');
  for (const id of ['c-101', 'c-102', 'c-103']) expect((await queue(id, 'sales')).status).toBe(201);
  const agent = await ada();
  const conversations = agent.page.getByRole('region', { name: 'Open conversations' });
  await conversations.getByText('c-101', { exact: true }).waitFor();
  await conversations.getByText('c-102', { exact: true }).waitFor();

  await agent.page.getByRole('listitem').filter({ hasText: 'c-101' }).getByRole('button', { name: 'Transfer…' }).click();
  const transfer = agent.page.getByRole('form', { name: 'Transfer c-101' });
  await transfer.getByLabel('To team').fill('billing');
  await transfer.getByLabel('Reason (optional)').fill('invoice question');
  await transfer.getByRole('button', { name: 'Transfer' }).click();
  await conversations.getByText('c-101', { exact: true }).waitFor({ state: 'detached' });
  // Transferring freed a place: the waiting c-103 comes to Ada.
  await conversations.getByText('c-103', { exact: true }).waitFor();
  await agent.page.getByRole('listitem').filter({ hasText: 'c-102' }).getByRole('button', { name: 'Close' }).click();
  await conversations.getByText('c-102', { exact: true }).waitFor({ state: 'detached' });
  expect((await http(`${app.url}/v1/conversations/c-101`, 'GET')).body).toMatchObject({ status: 'queued', team: 'billing' });
  expect((await http(`${app.url}/v1/conversations/c-102`, 'GET')).body).toMatchObject({ status: 'closed' });
}, 90_000);

// The issue asks for "within a second": measured 29–944 ms here and printed on every run; the wait allows 5 s so a
// machine busy with the rest of the suite does not fail a speed goal (speed belongs in the printed figure, not a timeout).
it("shows an agent going away, with the keyboard alone, on the supervisor's floor in another page, printing how long it took", async () => {
  const floor = await supervisor();
  await row(floor, 'ada').getByText('Online').waitFor();
  const agent = await ada();
  await agent.page.getByText(/^Online since/).waitFor();

  // Tab from the top of the page to the status menu, open it, pick Away, give a reason, submit.
  for (let presses = 0; presses < 10; presses++) {
    if (await agent.page.evaluate("document.activeElement?.classList.contains('status-toggle')")) break;
    await agent.page.keyboard.press('Tab');
  }
  await agent.page.keyboard.press('Enter');
  await agent.page.keyboard.press('ArrowDown');
  await agent.page.keyboard.press('Tab');
  await agent.page.keyboard.type('coffee');
  await agent.page.keyboard.press('Tab');
  const answered = agent.page.waitForResponse((response) => response.url().endsWith('/v1/agents/ada/status') && response.status() === 200);
  await agent.page.keyboard.press('Enter');
  await answered;
  const sent = Date.now();
  await row(floor, 'ada').getByText('Away', { exact: true }).waitFor({ timeout: 5000 });
  process.stdout.write(`console: agent away → supervisor floor shows it after ${Date.now() - sent} ms\n`);
  await row(floor, 'ada').getByText('by ada: coffee').waitFor();
}, 90_000);

it("shows a supervisor's override, with its mandatory reason, on the agent's page and in the history timeline", async () => {
  // A fuller floor for the screenshots: Carol busy with two conversations, one more waiting, Dan at lunch.
  await register('carol', 'Carol', ['sales'], 2);
  await register('dan', 'Dan', ['sales'], 2);
  await setStatus('carol', 'online', 'shift start');
  await setStatus('dan', 'away', 'lunch');
  for (const id of ['c-201', 'c-202', 'c-203']) await queue(id, 'sales');
  const floor = await supervisor();
  const agent = await ada();
  await floor.page.getByRole('button', { name: "Override Ada's status" }).click();
  const dialog = floor.page.getByRole('dialog', { name: "Override Ada's status" });
  await dialog.getByLabel('New status').selectOption('offline');
  await dialog.getByRole('button', { name: 'Override' }).click();
  expect(await dialog.isVisible()).toBe(true); // no reason: the form does not submit
  await dialog.getByLabel('Reason', { exact: true }).fill('sick leave');
  await dialog.getByRole('button', { name: 'Override' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await row(floor, 'ada').getByText('by supervisor sup-1: sick leave').waitFor();
  await agent.page.getByText('by supervisor sup-1: sick leave').waitFor({ timeout: 5000 });
  await floor.page.getByRole('button', { name: 'History of Ada' }).click();
  const bar = floor.page.locator('.day-track .bar[data-status="offline"][title*="sick leave"]');
  await bar.waitFor();
  expect(await bar.getAttribute('title')).toMatch(/^Offline .*by supervisor sup-1: sick leave$/);
  await screenshot(agent.page, 'agent-desktop');
  await screenshot(floor.page, 'supervisor-desktop');
}, 90_000);

it('shows the floor as it stood at an earlier moment on the point-in-time slider, then the live floor again', async () => {
  await setStatus('bob', 'online', 'shift start');
  const onlineAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await setStatus('bob', 'away', 'break');
  const floor = await supervisor();
  await row(floor, 'bob').getByText('Away', { exact: true }).waitFor();

  await floor.page.getByLabel('Time window').selectOption({ label: 'the last 15 minutes' });
  // One step is 1.5 s of the 15 minutes; aim 1.5 s after Bob came online.
  const steps = Math.round((onlineAt + 1500 - Date.now()) / 1500);
  await floor.page.getByLabel('Floor at').fill(String(steps));
  await floor.page.getByText(/^Floor at /).waitFor();
  await row(floor, 'bob').getByText('Online', { exact: true }).waitFor();
  expect(await row(floor, 'bob').getByRole('button').count()).toBe(0); // the past is read-only
  await screenshot(floor.page, 'supervisor-point-in-time');

  await floor.page.getByRole('button', { name: 'Back to live' }).click();
  await row(floor, 'bob').getByText('Away', { exact: true }).waitFor();
}, 90_000);

it('resumes the live floor after the connection drops, with the change made meanwhile and no reload', async () => {
  await setStatus('bob', 'away', 'break');
  const floor = await supervisor();
  await row(floor, 'bob').getByText('Away', { exact: true }).waitFor();
  await floor.page.locator('.feed-badge[data-state="live"]').waitFor();
  // Cut every open connection from the server side, as a network drop would.
  app.app.getHttpServer().closeAllConnections();
  await floor.page.locator('.feed-badge[data-state="reconnecting"]').waitFor();
  await setStatus('bob', 'online', 'back from break');
  await row(floor, 'bob').getByText('by test-admin: back from break').waitFor({ timeout: 10_000 });
  await floor.page.locator('.feed-badge[data-state="live"]').waitFor();
  forgetErrors(floor, /ERR_(INCOMPLETE_CHUNKED_ENCODING|CONNECTION)|network/i); // the drop's own error, caused by the test
}, 90_000);

it('rings an offer in an offer-mode team on the agent page with a countdown, and the accepted conversation becomes the agent\'s', async () => {
  expect((await http(`${app.url}/v1/teams/support`, 'PUT', { routingMode: 'offer', offerTimeoutSeconds: 120 })).status).toBe(200);
  expect((await register('eve', 'Eve', ['support'], 1)).status).toBe(200);
  await setStatus('eve', 'online', 'shift start');
  const agent = await open(tokenFor('eve', 'agent', ['support']));
  await agent.page.getByText('Connected: your session is open while this page is.').waitFor();
  expect((await queue('c-301', 'support')).status).toBe(201);

  const ring = agent.page.getByRole('region', { name: 'Incoming conversation' });
  await ring.getByText('c-301', { exact: true }).waitFor();
  expect(await ring.getByRole('timer').textContent()).toMatch(/left$/);
  await screenshot(agent.page, 'agent-offer');
  await ring.getByRole('button', { name: 'Accept' }).click();
  await ring.waitFor({ state: 'hidden' });
  await agent.page.getByRole('region', { name: 'Open conversations' }).getByText('c-301', { exact: true }).waitFor();
  expect((await http(`${app.url}/v1/conversations/c-301`, 'GET')).body).toMatchObject({ status: 'assigned', agentId: 'eve' });
}, 90_000);

it('downloads the time-in-status report as CSV from the supervisor page', async () => {
  await setStatus('ada', 'online', 'shift start');
  // The report is a projection: wait until it has read Ada's change, then ask for it in the page.
  const since = new Date(Date.now() - 3_600_000).toISOString();
  const reported = async () => (await http(`${app.url}/v1/reports/time-in-status?from=${since}&to=${new Date().toISOString()}`, 'GET')).body;
  while (!(Array.isArray(await reported()) && (await reported()).some((entry: { agentId: string }) => entry.agentId === 'ada'))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const floor = await supervisor();
  const report = floor.page.getByRole('region', { name: 'Time in status' });
  await report.getByRole('button', { name: 'Show' }).click();
  await report.locator('tr[data-agent="ada"]').getByRole('rowheader', { name: 'Ada' }).waitFor();
  const downloaded = floor.page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download CSV' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toMatch(/^time-in-status.*\.csv$/);
  const [header, ...rows] = (await readFile(await file.path(), 'utf8')).split('\r\n');
  expect(header).toMatch(/^agent_id,display_name,teams,from,to,online_seconds,away_seconds,offline_seconds,/);
  expect(rows.some((line) => line.startsWith('ada,Ada,'))).toBe(true);
  await screenshot(floor.page, 'supervisor-report');
}, 90_000);

it("disconnects the agent when its tab closes: GET /v1/agents/{id} answers connected false", async () => {
  const agent = await ada();
  await agent.page.getByText('Connected: your session is open while this page is.').waitFor();
  const connected = async () => (await http(`${app.url}/v1/agents/ada`, 'GET')).body.connected as boolean;
  const until = async (wanted: boolean) => { while (await connected() !== wanted) await new Promise((resolve) => setTimeout(resolve, 100)); };
  await until(true);
  await agent.page.close();
  await until(false);
  expect(await connected()).toBe(false);
}, 90_000);

it('fits a narrow phone screen without sideways scrolling', async () => {
  const agent = await ada(PHONE);
  const floor = await supervisor(PHONE);
  await agent.page.getByText(/since/).first().waitFor();
  await row(floor, 'ada').waitFor();
  expect(await overflowsHorizontally(agent.page)).toBe(false);
  expect(await overflowsHorizontally(floor.page)).toBe(false);
  await screenshot(agent.page, 'agent-phone');
  await screenshot(floor.page, 'supervisor-phone');
}, 90_000);

it('has no serious or critical accessibility violations on the sign-in page and in both views (axe-core)', async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const signIn = await context.newPage();
  await signIn.goto(`${app.url}/console/`);
  await signIn.getByLabel('Bearer token').waitFor();
  await screenshot(signIn, 'sign-in');
  const agent = await ada();
  await agent.page.getByRole('button', { name: /Your status/ }).click();
  const floor = await supervisor();
  await floor.page.getByRole('button', { name: 'History of Bob' }).click();
  await floor.page.locator('.day-track').first().waitFor();

  const serious = async (page: typeof signIn) => (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const found = { signIn: await serious(signIn), agent: await serious(agent.page), supervisor: await serious(floor.page) };
  await floor.page.getByRole('button', { name: "Override Bob's status" }).click();
  const dialog = { overrideDialog: await serious(floor.page) };
  await context.close();
  expect({ ...found, ...dialog }).toEqual({ signIn: [], agent: [], supervisor: [], overrideDialog: [] });
}, 120_000);
