export { BoardConnection, type ConnectionState } from './BoardConnection.ts'
export { openBoard, type BoardSession, type OpenBoardOptions } from './openBoard.ts'
export { useBoardSession, type BoardSessionState } from './useBoardSession.ts'
export type { BoardAccess } from './YjsStoreBinding.ts'
