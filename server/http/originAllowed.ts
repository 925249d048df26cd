/**
 * Browsers always send Origin on WebSocket upgrades and socket.io requests;
 * it must be our own host or PUBLIC_URL. Tools and the Node provider send
 * none and are authenticated by token alone.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, publicUrl: string | undefined): boolean {
  if (!origin) return true
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return false
  }
  if (publicUrl && new URL(publicUrl).host === originHost) return true
  return originHost === host
}
