import type { Page } from 'playwright-core';

export interface PageErrors {
  /** Exceptions nothing caught: a view that throws is broken even if something rendered. */
  uncaught: string[];
  /** console.error messages, for failure messages and stricter tests. */
  console: string[];
}

/** Records a page's errors from now on; assert on the arrays at the end of a test. */
export function collectPageErrors(page: Page): PageErrors {
  const errors: PageErrors = { uncaught: [], console: [] };
  page.on('pageerror', (error) => errors.uncaught.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.console.push(message.text());
  });
  return errors;
}
