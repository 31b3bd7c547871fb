import { expect, test } from './test';

/*
 * The page-error guard of e2e/test.ts, checked: a test that meets an uncaught error or a console.error it did not
 * declare fails; one that declares it passes. (`test.fail()` marks the first two as expected failures: they pass
 * only if the guard makes them fail.)
 */

test('an uncaught page error it did not expect fails the test', async ({ page }) => {
  test.fail();
  await page.goto('/');
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error('boom from the page');
    });
  });
  await page.waitForTimeout(100);
});

test('a console.error it did not expect fails the test', async ({ page }) => {
  test.fail();
  await page.goto('/');
  await page.evaluate(() => console.error('an error the app logged'));
});

test('an error the test declares is allowed, and recorded', async ({ page, pageErrors }) => {
  pageErrors.expect('declared boom');
  await page.goto('/');
  await page.evaluate(() =>
    setTimeout(() => {
      throw new Error('declared boom');
    }),
  );
  await expect.poll(() => pageErrors.all.length).toBe(1);
  expect(pageErrors.unexpected()).toEqual([]);
});
