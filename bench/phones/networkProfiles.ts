/** A throttled link as Chromium's DevTools emulate it: added latency per request, bytes per second each way. */
export interface NetworkProfile {
  id: string
  label: string
  latencyMs: number
  downloadBytesPerSecond: number
  uploadBytesPerSecond: number
}

export const NETWORK_PROFILES: readonly NetworkProfile[] = [
  {
    // The measurement of a crowded venue Wi-Fi.
    id: 'venue-wifi',
    label: 'venue Wi-Fi (150 ms, 200 KB/s down, 100 KB/s up)',
    latencyMs: 150,
    downloadBytesPerSecond: 200 * 1024,
    uploadBytesPerSecond: 100 * 1024,
  },
  {
    // Lighthouse's simulated slow 4G.
    id: 'slow-4g',
    label: 'slow 4G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up)',
    latencyMs: 150,
    downloadBytesPerSecond: (1.6 * 1_000_000) / 8,
    uploadBytesPerSecond: (750 * 1_000) / 8,
  },
]
