import type { WebSocket } from 'ws'
import { connectBoard, connectSynced, type BoardClient } from '../../tests/support/boardClient.ts'
import { until } from '../../tests/support/until.ts'
import { sleep } from '../procStats.ts'
import { check, mean, mib, type LoadOptions, type ScenarioResult } from './scenarioResult.ts'
import { ServerUnderTest } from './ServerUnderTest.ts'

const WRITE_HZ = 20
/** A note with a long pasted text: at 20 edits/s it fills the kernel's socket buffers within the minute. */
const NOTE_TEXT_BYTES = 32 * 1024
const READERS = 4
const TARGET_GROWTH_KIB = 20 * 1024
const RECONNECT_TIMEOUT_MS = 30_000

/**
 * Scenario 5: one stock client's socket stops being read (ws pause(): the
 * kernel buffers fill, then the server's queue) for a minute while its
 * room runs at 20 edits/s. The server must drop it (1013) instead of
 * queueing without bound, and it must resync on its own reconnect.
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
    for (let n = 0; n < READERS; n++) clients.push(await connectSynced(server.wsBase, board.id, server.token))
    // A stock provider with its own reconnect (y-websocket's backoff), which is what must bring it back.
    const slow = connectBoard(server.wsBase, board.id, server.token)
    clients.push(slow)
    await until(() => slow.provider.synced, 'the slow client to sync')
    const closes: number[] = []
    slow.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))

    let seq = 0
    const blob = 'Idee '.repeat(NOTE_TEXT_BYTES / 5)
    writeTimer = setInterval(() => writer.records.set('long', `${seq++}: ${blob}`), 1_000 / WRITE_HZ)
    // The same writing with every socket read, as long as the pause will last: what the room costs anyway.
    const control: number[] = []
    for (const start = Date.now(); Date.now() - start < pausedSeconds * 1_000; ) {
      control.push(server.rssKiB())
      await sleep(500)
    }
    const baselineKiB = mean(control)
    const controlPeakKiB = Math.max(...control)
    const connectionsBefore = await server.metric('sync_connections')

    const slowSocket = slow.provider.ws as unknown as WebSocket
    slowSocket.pause()
    const pausedAt = Date.now()
    let droppedAfterMs: number | null = null
    const during: number[] = []
    while (Date.now() - pausedAt < pausedSeconds * 1_000) {
      during.push(server.rssKiB())
      if (droppedAfterMs === null && (await server.metric('sync_connections')) === (connectionsBefore ?? 0) - 1) droppedAfterMs = Date.now() - pausedAt
      await sleep(500)
    }
    const peakKiB = Math.max(...during)
    const resumedAt = Date.now()
    slowSocket.resume()
    await until(() => closes.length > 0, 'the slow client to see its connection end', RECONNECT_TIMEOUT_MS)
    if (writeTimer) clearInterval(writeTimer)
    writeTimer = null
    writer.records.set('after', 'drop')
    const expected = writer.records.toJSON()
    await until(
      () => slow.provider.synced && JSON.stringify(slow.records.toJSON()) === JSON.stringify(expected),
      'the dropped client to resync the whole board',
      RECONNECT_TIMEOUT_MS,
    )
    const resyncMs = Date.now() - resumedAt
    const growthKiB = peakKiB - controlPeakKiB
    const closeCode = closes[0] ?? null
    const dropped = closeCode === 1013 || closeCode === 1006
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
        check('server RSS, peak not read − mean all read', mib(peakKiB - baselineKiB), '—', null),
        check(
          'dropped by the server',
          `${droppedAfterMs === null ? 'no' : `after ${(droppedAfterMs / 1_000).toFixed(1)} s`}; close ${closeCode} when read again`,
          '1013 or reset',
          droppedAfterMs !== null && dropped,
        ),
        check('resynced with the full board after resuming', `in ${(resyncMs / 1_000).toFixed(1)} s`, 'yes', true),
      ],
      figures: {
        pausedSeconds,
        writeHz: WRITE_HZ,
        noteTextBytes: NOTE_TEXT_BYTES,
        rssControlMeanMiB: baselineKiB / 1024,
        rssControlPeakMiB: controlPeakKiB / 1024,
        rssPeakMiB: peakKiB / 1024,
        rssGrowthMiB: growthKiB / 1024,
        droppedAfterMs,
        closeCode,
        resyncMs,
      },
    }
  } finally {
    if (writeTimer) clearInterval(writeTimer)
    for (const client of clients) client.destroy()
    await server.stop()
  }
}
