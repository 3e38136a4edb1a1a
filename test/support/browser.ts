import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './testDatabase';

/** Debian's Chromium (apt-get install chromium): never a browser downloaded by Playwright. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const RESULTS_DIR = path.join(ROOT, 'test-results');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL without a GPU: Chromium only falls back to SwiftShader when told it may.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Headless Chromium (Playwright passes --headless) with a fresh profile in a temporary directory,
 * removed again by close(). Fails with instructions when Debian's Chromium is not installed.
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<TestBrowser> {
  if (!HAS_CHROMIUM) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get update && apt-get install -y chromium)`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kbs-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: 'tr-TR',
      timezoneId: 'Europe/Istanbul',
    });
  } catch (error) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`could not start ${CHROMIUM}: ${(error as Error).message}`);
  }
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of the page as test-results/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`);
  await page.screenshot({ path: file }).catch(() => {});
  return file;
}

/** Runs `check`; when it throws, saves test-results/<name>.png first and names it in the error. */
export async function screenshotOnFailure<T>(page: Page, name: string, check: () => Promise<T> | T): Promise<T> {
  try {
    return await check();
  } catch (error) {
    const file = await saveScreenshot(page, name);
    if (error instanceof Error) error.message += `\n(screenshot: ${path.relative(ROOT, file)})`;
    throw error;
  }
}

export type { BrowserContext, Page };
