import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(__dirname, '../../../../../test-artifacts');

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page (network refusals the tests provoke are left out). */
  errors: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, in a fresh profile; one page with its errors collected. */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<BrowserSession> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'tessera-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  // A refused request (409, 422) is logged by Chromium as "Failed to load resource": the tests provoke those on purpose.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl + '/');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('current-user').waitFor();
}

/** The antd form item that holds the rjsf input of `field`. */
export const fieldItem = (page: Page, field: string) => page.locator('.ant-form-item', { has: page.locator(`#root_${field}`) }).last();

/** Picks a related record in a relation field by typing part of its title. */
export async function pickRelation(page: Page, field: string, text: string): Promise<void> {
  await page.locator(`#root_${field}`).click();
  await page.locator(`#root_${field}`).fill(text);
  await page.locator('.ant-select-item-option', { hasText: text }).first().click();
}
