import os from 'node:os'
import * as Y from 'yjs'
import { readBoardRecords } from '../../shared/boardDocument.ts'
import { connectSynced } from '../../tests/support/boardClient.ts'
import { nowMicros, readCpuMicros, readMachineBusyMicros, sleep, waitForQuietMachine } from '../procStats.ts'
import { ClientPool } from './ClientPool.ts'
import { readRunQueueWaitMicros } from './runQueueWait.ts'
import { QUIET_BUSY_CORES, QUIET_WAIT_MS } from './connections.ts'
import { awarenessIdOf, HOSTILE_TAG, type RawSpec } from './clientProtocol.ts'
import { check, ms, type LoadOptions, type ScenarioResult } from './scenarioResult.ts'
import { ServerUnderTest } from './ServerUnderTest.ts'

const HONEST_CLIENTS = 20
const HONEST_WRITERS = 2
const WRITE_HZ = 5
const AWARENESS_HZ = 1
const HOSTILE_FRAMES = 10_000
/** A quick run only checks that nothing hostile gets through; the server's pacing makes 10,000 frames take minutes. */
const QUICK_HOSTILE_FRAMES = 1_000
const ATTACK_CONNECTIONS = 4
const TARGET_RATIO = 3

interface Cores {
  /** Share of the time the server's JavaScript thread was runnable but waited for a CPU. */
  serverWait: number
  machine: number
  server: number
  honest: number
  attacker: number
}

/** Why the board read back from storage is not clean; empty when it is. */
function findStoredHarm(doc: Y.Doc): string[] {
  const harm: string[] = []
  if (Buffer.from(Y.encodeStateAsUpdate(doc)).includes(HOSTILE_TAG)) harm.push('the stored state contains hostile bytes')
  const foreignRoots = [...doc.share.keys()].filter((name) => name !== 'tl_records' && name !== 'meta')
  if (foreignRoots.length > 0) harm.push(`root types ${foreignRoots.join(', ')}`)
  for (const [id, record] of readBoardRecords(doc)) {
    const x = (record as { x?: unknown }).x
    if (id.startsWith('shape:') && typeof x !== 'number') harm.push(`${id} has x ${JSON.stringify(x)}`)
  }
  return harm
}

/**
 * Scenario 4: 10,000 hostile frames from a participant's connections on a
 * live board (malformed and oversized frames, invalid tldraw records, new
 * root types, presence under other clients' ids or far over the size cap)
 * while honest clients write and move their cursors. Their delivery
 * latency with and without the attack, and whether anything hostile got
 * stored or reached them.
 */
export async function runHostile(options: LoadOptions): Promise<ScenarioResult> {
  const baselineSeconds = options.quick ? 8 : 30
  const hostileFrames = options.quick ? QUICK_HOSTILE_FRAMES : HOSTILE_FRAMES
  const server = await ServerUnderTest.start()
  const honest = new ClientPool(1)
  const attacker = new ClientPool(1)
  try {
    const [board] = await server.createBoards(1, 'Angriff')
    if (!board) throw new Error('no board')
    const specs: RawSpec[] = Array.from({ length: HONEST_CLIENTS }, (_, index) => ({ uid: index + 1, url: board.url, writer: index < HONEST_WRITERS }))
    const opened = await honest.openRaw(specs)
    if (opened.failed > 0) throw new Error(`honest clients did not connect: ${opened.firstError}`)
    await honest.rates(WRITE_HZ, AWARENESS_HZ)
    await sleep(2_000)
    await waitForQuietMachine(QUIET_WAIT_MS, QUIET_BUSY_CORES + 0.5)

    /** Busy cores of the whole machine, the server, the honest clients' and the attacker's process while `work` ran. */
    const busyCores = async <T>(work: () => Promise<T>): Promise<[T, Cores]> => {
      const before = { wait: readRunQueueWaitMicros(server.pid), machine: readMachineBusyMicros(), server: readCpuMicros(server.pid), honest: honest.cpuMicros(), attacker: attacker.cpuMicros() }
      const start = nowMicros()
      const result = await work()
      const elapsed = nowMicros() - start
      return [
        result,
        {
          serverWait: (readRunQueueWaitMicros(server.pid) - before.wait) / elapsed,
          machine: (readMachineBusyMicros() - before.machine) / elapsed,
          server: (readCpuMicros(server.pid) - before.server) / elapsed,
          honest: (honest.cpuMicros() - before.honest) / elapsed,
          attacker: (attacker.cpuMicros() - before.attacker) / elapsed,
        },
      ]
    }
    const [baseline, baselineCores] = await busyCores(async () => {
      await honest.measureStart()
      await sleep(baselineSeconds * 1_000)
      return honest.measureStop()
    })

    const [[attack, underAttack], attackCores] = await busyCores(async () => {
      await honest.measureStart()
      const figures = await attacker.attack(0, {
        url: board.url,
        frames: hostileFrames,
        concurrency: ATTACK_CONNECTIONS,
        foreignIds: specs.map((spec) => awarenessIdOf(spec.uid)),
      })
      // Presence held back by the rate limit arrives up to a second late; it must not reach anyone either.
      await sleep(1_500)
      return [figures, await honest.measureStop()] as const
    })
    await honest.closeRaw()

    // SIGTERM stores the rooms; the new process loads the board from the SQLite file.
    await server.restart('SIGTERM')
    const reader = await connectSynced(server.wsBase, board.id, server.token)
    const harm = findStoredHarm(reader.doc)
    reader.destroy()

    const baseP99 = baseline.histogram.quantileMicros(0.99) / 1_000
    const attackP99 = underAttack.histogram.quantileMicros(0.99) / 1_000
    const ratio = attackP99 / baseP99
    const reached = baseline.hostileFrames + underAttack.hostileFrames
    return {
      id: 'hostile',
      title: `${hostileFrames} hostile frames over ${ATTACK_CONNECTIONS} connections, ${HONEST_CLIENTS} honest clients on the board`,
      checks: [
        check('honest p99 without / under attack', `${ms(baseP99)} / ${ms(attackP99)}`, '—', null),
        check('p99 under attack ÷ baseline', `${ratio.toFixed(2)}×`, `≤ ${TARGET_RATIO}×`, ratio <= TARGET_RATIO),
        check('hostile frames at honest clients', String(reached), '0', reached === 0),
        check('hostile content in the stored board', harm.length === 0 ? 'none' : harm.join('; '), 'none', harm.length === 0),
        check(
          'CPU without / under attack: server, honest clients, attacker, machine',
          [baselineCores, attackCores]
            .map((cores) => `${cores.server.toFixed(2)}, ${cores.honest.toFixed(2)}, ${cores.attacker.toFixed(2)}, ${cores.machine.toFixed(2)}`)
            .join(' / '),
          `of ${os.cpus().length} cores`,
          null,
        ),
        check(
          'server thread waiting for a CPU without / under attack',
          `${(baselineCores.serverWait * 100).toFixed(0)} % / ${(attackCores.serverWait * 100).toFixed(0)} % of the time`,
          '—',
          null,
        ),
        check('attack rate', `${((hostileFrames / attack.durationMs) * 1_000).toFixed(0)} frames/s over ${(attack.durationMs / 1_000).toFixed(1)} s`, '—', null),
      ],
      figures: {
        baseline: { p50Ms: baseline.histogram.quantileMicros(0.5) / 1_000, p99Ms: baseP99, deliveries: baseline.deliveries },
        underAttack: {
          p50Ms: underAttack.histogram.quantileMicros(0.5) / 1_000,
          p99Ms: attackP99,
          maxMs: underAttack.histogram.maxMicros / 1_000,
          deliveries: underAttack.deliveries,
          lostConnections: underAttack.lostConnections,
        },
        ratio,
        machineBusyCores: { baseline: baselineCores, underAttack: attackCores },
        attack,
        hostileFramesAtHonestClients: reached,
        storedHarm: harm,
      },
    }
  } finally {
    honest.close()
    attacker.close()
    await server.stop()
  }
}
