import { connectSynced, type BoardClient } from '../../tests/support/boardClient.ts'
import { openRaw } from '../../tests/support/rawSyncClient.ts'
import { until } from '../../tests/support/until.ts'
import { sleep } from '../procStats.ts'
import { EMPTY_STEP1, EMPTY_STEP2, readEnvelope } from '../wire.ts'
import { check, mean, mib, type LoadOptions, type ScenarioResult } from './scenarioResult.ts'
import { ServerUnderTest } from './ServerUnderTest.ts'

const WRITE_HZ = 20
/** A note with a long pasted text: at 20 edits/s it fills the kernel's socket buffers within the minute. */
const NOTE_TEXT_BYTES = 32 * 1024
const READERS = 4
const TARGET_GROWTH_KIB = 20 * 1024
const CLOSE_TIMEOUT_MS = 30_000
const SAMPLE_MS = 500

/** Server RSS every half second for `seconds`. */
async function sampleRss(server: ServerUnderTest, seconds: number, each: () => Promise<void> = async () => undefined): Promise<number[]> {
  const samples: number[] = []
  for (const start = Date.now(); Date.now() - start < seconds * 1_000; ) {
    samples.push(server.rssKiB())
    await each()
    await sleep(SAMPLE_MS)
  }
  return samples
}

/**
 * Scenario 5: a client stops reading its socket (ws pause(): the kernel
 * buffers fill, then the server's queue) for a minute while its room runs
 * at 20 edits/s. The server must drop it (1013, or a reset once the close
 * frame is stuck behind the queue) instead of queueing without bound, and
 * the client must get the whole board when it connects again. The slow
 * client is a raw socket: a stock provider gives up on a silent socket by
 * itself after 30 s and reconnects, which would end the test early.
 */
export async function runSlowConsumer(options: LoadOptions): Promise<ScenarioResult> {
  const pausedSeconds = options.quick ? 30 : 60
  const server = await ServerUnderTest.start()
  const clients: BoardClient[] = []
  let writeTimer: NodeJS.Timeout | null = null
  try {
    const [board] = await server.createBoards(1, 'Langsam')
    if (!board) throw new Error('no board')
    const writer = await connectSynced(server.wsBase, board.id, server.token)
    clients.push(writer)
    const writerCloses: number[] = []
    writer.provider.on('connection-close', (event) => writerCloses.push(event?.code ?? 0))
    for (let n = 0; n < READERS; n++) clients.push(await connectSynced(server.wsBase, board.id, server.token))
    const slow = openRaw(board.url, { perMessageDeflate: false })
    await slow.opened
    // The handshake of a stock provider with an empty document.
    slow.ws.send(EMPTY_STEP1)
    slow.ws.on('message', (data: Buffer) => {
      if (readEnvelope(new Uint8Array(data)).kind === 'step1') slow.ws.send(EMPTY_STEP2)
    })
    await until(() => slow.received.some((frame) => readEnvelope(frame).kind === 'step2'), 'the slow client to sync')

    let seq = 0
    const blob = 'Idee '.repeat(NOTE_TEXT_BYTES / 5)
    writeTimer = setInterval(() => writer.records.set('long', `${seq++}: ${blob}`), 1_000 / WRITE_HZ)
    // The same writing with every socket read, as long as the pause will last: what the room costs anyway.
    const control = await sampleRss(server, pausedSeconds)
    const controlPeakKiB = Math.max(...control)
    const connectionsBefore = (await server.metric('sync_connections')) ?? 0

    slow.ws.pause()
    const pausedAt = Date.now()
    let droppedAfterMs: number | null = null
    const during = await sampleRss(server, pausedSeconds, async () => {
      if (droppedAfterMs === null && (await server.metric('sync_connections')) === connectionsBefore - 1) droppedAfterMs = Date.now() - pausedAt
    })
    const peakKiB = Math.max(...during)
    slow.ws.resume()
    const timeout = new Promise<{ code: number }>((resolve) => setTimeout(() => resolve({ code: -1 }), CLOSE_TIMEOUT_MS))
    const { code: closeCode } = await Promise.race([slow.closed, timeout])
    if (writeTimer) clearInterval(writeTimer)
    writeTimer = null
    writer.records.set('after', 'drop')

    // Reconnecting: a fresh stock provider must get the whole board in its sync.
    const reconnectAt = Date.now()
    const back = await connectSynced(server.wsBase, board.id, server.token)
    clients.push(back)
    await until(() => back.records.get('after') === 'drop', 'the reconnected client to get the edit after the drop', CLOSE_TIMEOUT_MS).catch(
      (error: unknown) => {
        const state = [
          `writer connected ${writer.provider.wsconnected} synced ${writer.provider.synced}, closes ${writerCloses.join(',')}`,
          `reconnected client synced ${back.provider.synced} with ${back.records.size} of ${writer.records.size} notes`,
          `readers connected ${clients.slice(1, 1 + READERS).filter((reader) => reader.provider.wsconnected).length} of ${READERS}`,
        ]
        throw new Error(`${error instanceof Error ? error.message : String(error)} (${state.join('; ')})`)
      },
    )
    const complete = back.records.get('long') === writer.records.get('long') && back.records.size === writer.records.size
    const resyncMs = Date.now() - reconnectAt
    const growthKiB = peakKiB - controlPeakKiB
    const dropped = droppedAfterMs !== null && (closeCode === 1013 || closeCode === 1006)
    return {
      id: 'slow',
      title: `slow consumer: socket not read for ${pausedSeconds} s, room at ${WRITE_HZ} edits/s of a ${NOTE_TEXT_BYTES / 1024} KiB note`,
      checks: [
        check(
          'server RSS peak, not read vs all read',
          `${mib(peakKiB)} vs ${mib(controlPeakKiB)}: ${growthKiB >= 0 ? '+' : ''}${mib(growthKiB)}`,
          `< +${mib(TARGET_GROWTH_KIB)}`,
          growthKiB < TARGET_GROWTH_KIB,
        ),
        check('server RSS, peak not read − mean all read', mib(peakKiB - mean(control)), '—', null),
        check(
          'dropped by the server',
          `${droppedAfterMs === null ? 'no' : `after ${(droppedAfterMs / 1_000).toFixed(1)} s`}; close ${closeCode} when read again`,
          '1013 or reset',
          dropped,
        ),
        check('whole board on reconnect', `${complete ? 'yes' : 'NO'}, synced in ${resyncMs} ms`, 'yes', complete),
      ],
      figures: {
        pausedSeconds,
        writeHz: WRITE_HZ,
        noteTextBytes: NOTE_TEXT_BYTES,
        rssControlMeanMiB: mean(control) / 1024,
        rssControlPeakMiB: controlPeakKiB / 1024,
        rssPeakMiB: peakKiB / 1024,
        rssGrowthMiB: growthKiB / 1024,
        droppedAfterMs,
        closeCode,
        resyncMs,
        complete,
      },
    }
  } finally {
    if (writeTimer) clearInterval(writeTimer)
    for (const client of clients) client.destroy()
    await server.stop()
  }
}
