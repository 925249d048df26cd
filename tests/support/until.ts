/** Waits for a condition instead of sleeping a fixed time; fails with the given message on timeout. */
export async function until(condition: () => boolean, message = 'condition', timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
