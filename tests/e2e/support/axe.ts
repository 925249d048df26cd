import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

export interface AxeFinding {
  id: string
  impact: string
  help: string
  targets: string[]
}

/** Runs axe-core on the page as it is now; the serious and critical findings, which no screen of ours may have. */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: AXE_SOURCE })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe
    const result = await axe.run(document)
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }))
  })
  return violations.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical')
}
