/**
 * The Rules screen end to end (issue #8): `mfw serve`'s server and session in this process, the
 * built renderer in Debian's Chromium. Import the generated incident's auth.log and kern.log (an
 * SSH brute force, and a user mistyping a password twice), open the SSH brute-force rule, watch
 * the preview count follow its minimum, see a YAML mistake at its line, save, and find the
 * Findings screen changed; import a Sigma rule and a refused one; export to Sigma.
 * Every count the page must show is asked of the engine on the same store, so nothing here
 * depends on the zone the year-less stamps are read in.
 * Needs `npm run build` first (npm test does it) and /usr/bin/chromium.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../main/engine/session/session.js';
import { type RunningServer } from '../../main/hosts/server/server.js';
import { ROOT, assertRendererBuilt, haveChromium, launchChromium, serveEngine, watchedPage } from './harness.js';
import { generateAttackSet, type AttackSet } from '../fixtures/attacks.js';

const SCREENSHOT = join(ROOT, 'docs', 'screenshot-rules.png');
const SIGMA = join(ROOT, 'test', 'fixtures', 'sigma');
const BRUTE = 'system.ssh-brute-force';

const findingsText = (n: number): string => `${n} finding${n === 1 ? '' : 's'}`;

describe.skipIf(!haveChromium)('the Rules screen in Chromium over mfw serve', () => {
  let dir: string;
  let attacks: AttackSet;
  let session: Session;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let builtinYaml: string;
  const consoleErrors: string[] = [];

  const nav = (name: string): Promise<void> => page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
  const headline = (): Locator => page.getByTestId('preview-headline');
  const editor = (): Locator => page.getByRole('textbox', { name: 'Rule YAML' });
  /** What the engine itself says the rule finds, to hold the page to. */
  const expectedFindings = async (yaml: string): Promise<number> => (await session.ruleEditor.preview({ yaml })).result!.findings;

  beforeAll(async () => {
    assertRendererBuilt();
    dir = mkdtempSync(join(tmpdir(), 'mfw-e2e-rules-'));
    attacks = generateAttackSet(join(dir, 'incident'));
    ({ session, server } = await serveEngine());
    browser = await launchChromium();
    page = await watchedPage(browser, { viewport: { width: 1400, height: 1000 } }, consoleErrors);
    builtinYaml = (await session.ruleEditor.get({ id: BRUTE })).yaml;
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the rules and previews the SSH brute-force rule on the imported events', async () => {
    await page.goto(server.url);
    const region = attacks.hosts[0]!;
    await page.locator('input[type=file]').setInputFiles([join(region, 'var/log/auth.log'), join(region, 'var/log/kern.log')]);
    await page.getByText(/^Import finished: \d+ events/).waitFor({ timeout: 30_000 });
    await nav('Rules');
    const list = page.getByRole('list', { name: 'Rules' });
    await list.getByRole('button', { name: /Web shell/ }).waitFor();
    await list.getByRole('button', { name: 'SSH brute force, system.ssh-brute-force, threshold high, built-in', exact: true }).click();
    await expect.poll(() => editor().inputValue()).toBe(builtinYaml);
    const at5 = await expectedFindings(builtinYaml);
    expect(at5).toBeGreaterThan(0);
    await expect.poll(() => headline().textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${findingsText(at5)} \\(\\d+ events\\)`));
    await page.getByRole('list', { name: 'Findings the rule would raise' }).getByText(/^src_ip 192\.0\.2\.50 /).waitFor();
  });

  it('changes the preview count when the minimum changes in the form, and the text follows', async () => {
    // Two failures: the user who mistyped a password twice, a decoy at the shipped minimum of 5.
    const at2 = await expectedFindings(builtinYaml.replace(/^min: 5$/m, 'min: 2'));
    expect(at2).toBeGreaterThan(await expectedFindings(builtinYaml));
    await page.getByRole('spinbutton', { name: 'Minimum (min)' }).fill('2');
    await expect.poll(() => editor().inputValue()).toMatch(/^min: 2$/m);
    await expect.poll(() => headline().textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${findingsText(at2)} `));
    await page.getByText('Diff against the built-in rule: +1 −1 lines').waitFor();
  });

  it('shows a YAML mistake at its line, and the preview comes back once it is fixed', async () => {
    const text = await editor().inputValue();
    const line = text.split('\n').indexOf('window: 10m') + 1;
    await editor().fill(text.replace('window: 10m', 'windw: 10m'));
    const issues = page.getByRole('list', { name: 'Errors in the rule' });
    await issues.getByText(`Line ${line}`).waitFor();
    await expect(issues.textContent()).resolves.toBe(`Line ${line}: (top level): unknown key "windw"`);
    await expect(page.locator('.yaml-editor .gutter .bad-line').textContent()).resolves.toBe(`${line}\n`);
    await expect.poll(() => headline().textContent()).toMatch(/^No preview: the rule has errors/);
    await expect(page.getByRole('button', { name: 'Save', exact: true }).isDisabled()).resolves.toBe(true);
    await editor().fill(text);
    await expect.poll(() => issues.locator('li').count()).toBe(0);
    await expect.poll(() => headline().textContent()).toMatch(/^\d+ findings? /);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('saves the rule in the session, and the Findings screen shows the findings of the rule as saved', async () => {
    const bruteTitles = (): Locator => page.locator('.finding .title', { hasText: /^SSH brute force$/ });
    const before = (await session.findings()).findings.filter((f) => f.rule === BRUTE).length;
    await nav('Findings');
    await expect.poll(() => bruteTitles().count()).toBe(before);
    await nav('Rules');
    await page.getByRole('list', { name: 'Rules' }).getByRole('button', { name: /^SSH brute force, / }).click();
    await page.getByRole('spinbutton', { name: 'Minimum (min)' }).fill('2');
    await expect.poll(() => editor().inputValue()).toMatch(/^min: 2$/m);
    const saved = await editor().inputValue();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved system\.ssh-brute-force in this session; detection ran again: \d+ findings in all\.$/).waitFor();
    await page.getByRole('list', { name: 'Rules' }).getByRole('button', { name: 'SSH brute force, system.ssh-brute-force, threshold high, built-in, overrides built-in', exact: true }).waitFor();
    expect((await session.ruleEditor.get({ id: BRUTE })).yaml).toBe(saved);
    const after = (await session.findings()).findings.filter((f) => f.rule === BRUTE);
    expect(after.length).toBe(await expectedFindings(saved));
    expect(after.length).toBeGreaterThan(before);
    await nav('Findings');
    await expect.poll(() => bruteTitles().count()).toBe(after.length);
    await page.getByText(/^10\.20\.0\.101 failed 2 SSH logins in 6 s \(user alice\)$/).waitFor();

    await nav('Rules');
    await page.getByRole('list', { name: 'Rules' }).getByRole('button', { name: /^SSH brute force, / }).click();
    await page.getByRole('button', { name: 'Revert to built-in' }).click();
    await page.getByText(/^Reverted system\.ssh-brute-force to the built-in rule/).waitFor();
    await expect.poll(() => editor().inputValue()).toBe(builtinYaml);
    expect((await session.findings()).findings.filter((f) => f.rule === BRUTE).length).toBe(await expectedFindings(builtinYaml));
  });

  it('imports a Sigma rule into the editor, previews it, and reports a refused one with the reason', async () => {
    await page.getByRole('button', { name: 'Import Sigma…' }).click();
    const sigma = readFileSync(join(SIGMA, 'lnx_sshd_password_failure.yml'), 'utf8');
    await page.getByRole('textbox', { name: 'Sigma YAML' }).fill(sigma);
    await page.getByRole('button', { name: 'Convert' }).click();
    await page.getByText('1 rule converted, 0 refused.').waitFor();
    await page.getByRole('button', { name: 'Open sigma.lnx_sshd_password_failure in the editor' }).click();
    await page.getByRole('heading', { name: /^New rule \(not saved\)/ }).waitFor();
    const converted = await editor().inputValue();
    expect(converted).toMatch(/^id: sigma\.lnx_sshd_password_failure$/m);
    const expected = await expectedFindings(converted);
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => headline().textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${findingsText(expected)} `));

    await page.getByRole('button', { name: 'Import Sigma…' }).click();
    await page.locator('.sigma-import input[type=file]').setInputFiles(join(SIGMA, 'win_unsupported_logsource.yml'));
    await expect.poll(() => page.getByRole('textbox', { name: 'Sigma YAML' }).inputValue()).toMatch(/product: windows/);
    await page.getByRole('button', { name: 'Convert' }).click();
    await page.getByText('0 rules converted, 1 refused.').waitFor();
    await expect(page.getByRole('list', { name: 'Not imported' }).textContent()).resolves.toMatch(/^line 1 \(7a9b0c1d-2e3f-4a5b-8c6d-0e1f2a3b4c05\): log source .*windows.* is not one mfw reads/);
  });

  it('exports a match rule and a threshold rule to Sigma, and says why a sequence rule cannot be', async () => {
    const list = page.getByRole('list', { name: 'Rules' });
    await list.getByRole('button', { name: /^SQL injection attempt, / }).click();
    await page.getByRole('button', { name: 'Export to Sigma' }).click();
    await expect.poll(() => page.getByLabel('The rule as Sigma').textContent()).toMatch(/^title: SQL injection attempt\n[\s\S]*logsource:\n {2}category: webserver\n/);
    await list.getByRole('button', { name: /^Requests for pages that do not exist, / }).click();
    await page.getByRole('button', { name: 'Export to Sigma' }).click();
    await expect.poll(() => page.getByLabel('The rule as Sigma').textContent()).toMatch(/\n---\n[\s\S]*correlation:\n {2}type: value_count\n/);
    await list.getByRole('button', { name: /^SSH login succeeded after repeated failures, / }).click();
    await page.getByRole('button', { name: 'Export to Sigma' }).click();
    await page.getByText(/^Cannot be written as Sigma: a sequence rule needs its first step counted/).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
