import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { declareThroughSlack, outboxSettled, replayVero } from '../support/scenarios';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The status page in a real browser: Debian's chromium driven by playwright-core, at phone and desktop
 * sizes, light and dark. Screenshots go to test-artifacts/ (ignored by git).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) {
  process.stdout.write(`\nNo browser at ${CHROMIUM}: the status page's browser tests are skipped.\n`);
}
const describeWithBrowser = hasBrowser ? describe : describe.skip;

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

// Three weeks after the SPEC §1 incident, so its day is among the 90 bars.
const NOW = Date.parse('2022-09-20T12:00:00Z');
const offset = Date.now() - NOW;
const clock = { now: () => new Date(Date.now() - offset) };

const sizes = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;

interface Visit {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  cspViolations: string[];
}

describeWithBrowser('the status page in a browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ clock });
    await replayVero(app);
    await declareThroughSlack(app, {
      title: 'Checkout is slow',
      impact: 'major',
      components: ['general-ui', 'vero2-ui'],
      message: 'Checkouts take up to a minute :hourglass:\n\nWe are investigating.',
    });
    await outboxSettled(app);
    // An upcoming public maintenance, written as the repository stores one.
    const workflows = await app.db.prisma.component.findUniqueOrThrow({ where: { key: 'workflows' } });
    await app.db.prisma.maintenance.create({
      data: {
        teamId: app.fake.teamId,
        number: 1,
        title: 'Queue cluster upgrade',
        stage: 'scheduled',
        scheduledFor: new Date('2022-09-22T02:00:00Z'),
        scheduledUntil: new Date('2022-09-22T04:00:00Z'),
        autoTransitions: true,
        createdById: 'U0LEAD',
        components: { create: [{ componentId: workflows.id }] },
        updates: {
          create: [
            {
              sequence: 1,
              stage: 'scheduled',
              message: 'Workflows may pause for a few minutes while we upgrade the queue cluster.',
              occurredAt: new Date(NOW),
            },
          ],
        },
      },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function visit(
    size: keyof typeof sizes,
    colorScheme: 'light' | 'dark' = 'light',
    path = '/',
  ): Promise<Visit> {
    const context = await browser.newContext({ viewport: sizes[size], colorScheme });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.exposeFunction('reportCspViolation', (text: string) => cspViolations.push(text));
    // Runs in the page (as a string: this file is compiled without the DOM's types).
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        window.reportCspViolation(event.violatedDirective + ' blocked ' + event.blockedURI));`,
    });
    const response = await page.goto(`${app.url}${path}`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    return { page, context, consoleErrors, cspViolations };
  }

  /** axe-core's serious and critical findings, as `rule: selectors` lines. */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.evaluate(axe.source);
    const results = (await page.evaluate(
      "axe.run(document, { resultTypes: ['violations'] })",
    )) as axe.AxeResults;
    return results.violations
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? null,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      }))
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.targets.join(', ')}`);
  }

  for (const size of Object.keys(sizes) as (keyof typeof sizes)[]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`loads / on a ${size} in ${colorScheme} mode cleanly, with the bars and the maintenance, and axe finds nothing serious`, async () => {
        const { page, context, consoleErrors, cspViolations } = await visit(size, colorScheme);
        try {
          await page.screenshot({
            path: join(ARTIFACTS, `status-page-${size}-${colorScheme}.png`),
            fullPage: true,
          });
          expect(await page.locator('.uptime .bars').count()).toBe(8);
          expect(await page.locator('.uptime .bars').first().locator('.bar').count()).toBe(90);
          expect(await page.locator('section.maintenances article').count()).toBe(1);
          expect(await seriousViolations(page)).toEqual([]);
          expect(consoleErrors).toEqual([]);
          expect(cspViolations).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('follows the reader’s dark preference', async () => {
    const light = await visit('desktop', 'light');
    const dark = await visit('desktop', 'dark');
    try {
      const background = (page: Page) =>
        page.evaluate("getComputedStyle(document.querySelector('section.components')).backgroundColor");
      expect(await background(light.page)).toBe('rgb(255, 255, 255)');
      expect(await background(dark.page)).not.toBe('rgb(255, 255, 255)');
    } finally {
      await light.context.close();
      await dark.context.close();
    }
  });

  it("shows a bar's day, status and incidents when the keyboard reaches it", async () => {
    const { page, context } = await visit('desktop');
    try {
      const bars = page.locator('.uptime .bars').first().locator('.bar');
      // Sep 01 is the 71st of the 90 days that end on Sep 20.
      const sep01 = bars.nth(70);
      const tip = sep01.locator('.tip');
      expect((await tip.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
      // Tab from the bar before it, as a keyboard user would arrive.
      await bars.nth(69).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).toMatch(/^Sep 01, 2022: /);
      expect((await tip.boundingBox())?.width ?? 0).toBeGreaterThan(100);
      expect(await tip.textContent()).toContain('Sep 01, 2022: Degraded performance');
      await page.keyboard.press('Tab');
      const focusedLink = await page.evaluate("document.activeElement.getAttribute('href')");
      expect(focusedLink).toBe('/incidents/INC-1');
      expect(await tip.isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('keeps the impact badges of past incidents to their text height on a desktop', async () => {
    const { page, context } = await visit('desktop');
    try {
      const badge = page.locator('.history .badge').first();
      const row = page.locator('.history .row').first();
      const [badgeBox, rowBox] = [await badge.boundingBox(), await row.boundingBox()];
      expect(rowBox?.height ?? 0).toBeGreaterThan(40);
      expect(badgeBox?.height ?? 0).toBeLessThan(24);
    } finally {
      await context.close();
    }
  });
});
