export type { ConnectionState } from './BoardConnection.ts'
export type { BoardSession } from './openBoard.ts'
export { useBoardSession } from './useBoardSession.ts'
