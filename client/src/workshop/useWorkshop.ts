import { useEffect, useState, useSyncExternalStore } from 'react'
import { remainingMs } from '../../../shared/clock.ts'
import { WorkshopConnection, type WorkshopSnapshot } from './WorkshopConnection.ts'

/** One workshop connection for a page's lifetime, and its latest snapshot. */
export function useWorkshop(token: string | null, eventId: string | null): { connection: WorkshopConnection | null; snapshot: WorkshopSnapshot | null } {
  const [connection, setConnection] = useState<WorkshopConnection | null>(null)
  useEffect(() => {
    if (!token || !eventId) return
    const created = new WorkshopConnection(token, eventId)
    setConnection(created)
    return () => {
      created.close()
      setConnection(null)
    }
  }, [token, eventId])
  const snapshot = useSyncExternalStore(
    (listener) => connection?.subscribe(listener) ?? (() => undefined),
    () => connection?.current ?? null,
  )
  return { connection, snapshot }
}

/** Milliseconds left of the running speed-dating round, ticking; null when no round runs. */
export function useRoundRemaining(snapshot: WorkshopSnapshot | null): number | null {
  const [, setTick] = useState(0)
  const speedDating = snapshot?.state?.speedDating
  const endsAt = speedDating?.status === 'running' ? speedDating.roundEndsAt : null
  useEffect(() => {
    if (endsAt === null) return
    const interval = setInterval(() => setTick((tick) => tick + 1), 250)
    return () => clearInterval(interval)
  }, [endsAt])
  if (endsAt === null || !speedDating) return null
  return Math.min(speedDating.settings.roundMs, remainingMs(endsAt, Date.now(), snapshot?.clockOffsetMs ?? 0))
}

/** Milliseconds left on the workshop timer, ticking; null when no timer is set. */
export function useTimerRemaining(snapshot: WorkshopSnapshot | null): number | null {
  const [, setTick] = useState(0)
  const timer = snapshot?.state?.timer
  useEffect(() => {
    if (timer?.status !== 'running') return
    const interval = setInterval(() => setTick((tick) => tick + 1), 250)
    return () => clearInterval(interval)
  }, [timer?.status])
  if (!timer || timer.status === 'idle') return null
  if (timer.status === 'paused') return timer.remainingMs
  if (timer.status === 'finished') return 0
  // Read the clock at render, not at the last tick: a timer that just started must not show the seconds since the page's last tick as extra.
  return Math.min(timer.durationMs, remainingMs(timer.endsAt, Date.now(), snapshot?.clockOffsetMs ?? 0))
}
