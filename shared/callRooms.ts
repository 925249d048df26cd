/**
 * A speed-dating pair's own video call at an online event. Jitsi-style
 * addresses name the room in their path (https://meet.jit.si/auftakt), so
 * each pair gets a room of its own beside it: …/auftakt-runde-2-tisch-4.
 * Other services (Zoom, BigBlueButton) give rooms ids the server cannot
 * make up; there pairs meet in the main call's breakout rooms, and this
 * returns null.
 */
export function pairCallUrl(callUrl: string, round: number, table: number): string | null {
  let url: URL
  try {
    url = new URL(callUrl)
  } catch {
    return null
  }
  const segments = url.pathname.split('/').filter(Boolean)
  const room = segments.at(-1)
  const jitsiStyle = url.protocol === 'https:' && segments.length === 1 && room !== undefined && /^[\w-]+$/.test(room) && url.search === '' && /jit/i.test(url.hostname)
  if (!jitsiStyle) return null
  return `${url.origin}/${room}-runde-${round}-tisch-${table}`
}
