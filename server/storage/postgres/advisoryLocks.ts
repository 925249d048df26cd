/**
 * Advisory locks of this application, in the two-key form so they never meet
 * the one-key locks another application on the same database may take. The
 * first key says what is locked; the second which one of it.
 */
export const LockKind = {
  migrations: 0x4964_0001,
  boardCompaction: 0x4964_0002,
  dotPlacement: 0x4964_0003,
} as const
