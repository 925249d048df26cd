import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface HotFunction {
  name: string
  where: string
  selfMs: number
  /** Share of the non-idle samples. */
  share: number
}

function isCpuProfile(value: unknown): value is CpuProfile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'nodes' in value &&
    Array.isArray(value.nodes) &&
    'samples' in value &&
    Array.isArray(value.samples) &&
    'timeDeltas' in value &&
    Array.isArray(value.timeDeltas)
  )
}

/** The main thread's profile is the biggest; tsx's loader thread writes a small one beside it. */
export function mainThreadProfile(dir: string): string {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)
  if (!files[0]) throw new Error(`no CPU profile in ${dir}`)
  return files[0]
}

/** Self time per function of a V8 .cpuprofile, idle time left out, heaviest first. */
export function summarizeProfile(file: string, top: number): HotFunction[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
  if (!isCpuProfile(parsed)) throw new Error(`${file} is not a V8 CPU profile`)
  const byNode = new Map(parsed.nodes.map((node) => [node.id, node]))
  const selfMicros = new Map<string, { name: string; where: string; micros: number }>()
  let busyMicros = 0
  parsed.samples.forEach((nodeId, index) => {
    const node = byNode.get(nodeId)
    const delta = parsed.timeDeltas[index] ?? 0
    if (!node || node.callFrame.functionName === '(idle)') return
    busyMicros += delta
    const { functionName, url, lineNumber } = node.callFrame
    const where = url ? `${path.relative(ROOT, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : ''
    const key = `${functionName}@${where}`
    const entry = selfMicros.get(key) ?? { name: functionName || '(anonymous)', where, micros: 0 }
    entry.micros += delta
    selfMicros.set(key, entry)
  })
  return [...selfMicros.values()]
    .sort((a, b) => b.micros - a.micros)
    .slice(0, top)
    .map((entry) => ({ name: entry.name, where: entry.where, selfMs: entry.micros / 1_000, share: entry.micros / busyMicros }))
}

export function renderHotFunctions(title: string, hot: HotFunction[]): string {
  const lines = [`${title}: self time, top ${hot.length}`]
  for (const fn of hot) {
    lines.push(`  ${(fn.share * 100).toFixed(1).padStart(5)} %  ${fn.selfMs.toFixed(0).padStart(7)} ms  ${fn.name}  ${fn.where}`)
  }
  return lines.join('\n')
}
